CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty int NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');
CREATE VIEW stock_value AS SELECT id, qty * price AS value FROM items;
CREATE VIEW stock_value_high AS SELECT id FROM stock_value WHERE value > 1000;
CREATE VIEW stock_value_high_count AS SELECT count(*) AS n FROM stock_value_high;
