CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL);
CREATE UNIQUE INDEX customers_email_key ON customers (email);
ALTER TABLE customers REPLICA IDENTITY USING INDEX customers_email_key;
