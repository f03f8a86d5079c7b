ALTER TABLE products VALIDATE CONSTRAINT products_stock_nonneg;
