CREATE TABLE products (id int PRIMARY KEY, price numeric(10,2), stock int NOT NULL, min_stock int NOT NULL DEFAULT 0, CONSTRAINT products_stock_range CHECK (stock BETWEEN 0 AND 100));
