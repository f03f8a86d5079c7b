ALTER TABLE products DROP CONSTRAINT products_price_check, ADD CONSTRAINT products_price_check CHECK (price > 0 AND price < 100000);
