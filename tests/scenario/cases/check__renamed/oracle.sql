ALTER TABLE products RENAME CONSTRAINT products_check TO products_price_positive;
