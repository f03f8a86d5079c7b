ALTER TABLE products DROP CONSTRAINT products_price_positive;
