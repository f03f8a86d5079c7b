ALTER TABLE products DROP CONSTRAINT products_stock_range, ADD CONSTRAINT products_stock_range CHECK (stock BETWEEN 0 AND 99);
