CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty bigint NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');
CREATE VIEW stock_value AS SELECT id, qty * price AS value FROM items;
CREATE MATERIALIZED VIEW stock_by_kind AS SELECT kind, sum(qty) AS total FROM items GROUP BY kind;
