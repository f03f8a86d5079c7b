CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty int NOT NULL, price numeric(10,2) NOT NULL);
CREATE VIEW stock_value AS SELECT id, qty * price AS value FROM items;
