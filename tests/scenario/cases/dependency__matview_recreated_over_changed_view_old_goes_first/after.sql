CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty int NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');
CREATE VIEW cheap_items AS SELECT id, kind, qty::bigint AS qty, price FROM items WHERE price < 30;
CREATE MATERIALIZED VIEW cheap_by_kind AS SELECT kind, sum(qty) AS total, max(price) AS top_price FROM cheap_items GROUP BY kind;
