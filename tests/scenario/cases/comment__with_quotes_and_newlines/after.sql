CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
COMMENT ON TABLE orders IS E'It''s the "orders" table\nsecond line';
