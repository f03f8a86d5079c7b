CREATE EXTENSION pg_trgm;
CREATE INDEX orders_customer_trgm_idx ON orders USING gin (customer gin_trgm_ops);
