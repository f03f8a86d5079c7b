ALTER TABLE orders RENAME COLUMN customer TO buyer;
