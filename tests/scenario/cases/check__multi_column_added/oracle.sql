ALTER TABLE products ADD CONSTRAINT products_min_stock_le_stock CHECK (min_stock <= stock);
