ALTER TABLE products ADD CONSTRAINT products_stock_nonneg CHECK (stock >= 0) NO INHERIT;
