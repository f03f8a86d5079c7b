ALTER TABLE orders RENAME COLUMN customer TO buyer;
ALTER MATERIALIZED VIEW customer_totals RENAME COLUMN customer TO buyer;
