ALTER TABLE orders RENAME COLUMN customer TO buyer;
ALTER VIEW paid_orders RENAME COLUMN customer TO buyer;
