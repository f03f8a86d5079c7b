CREATE EXTENSION pg_trgm;
CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
CREATE INDEX orders_customer_trgm_idx ON orders USING gin (customer gin_trgm_ops);
