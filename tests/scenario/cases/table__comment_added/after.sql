CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
COMMENT ON TABLE customers IS 'People and companies that buy from us';
