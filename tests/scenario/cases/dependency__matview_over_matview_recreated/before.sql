CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty int NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');
CREATE MATERIALIZED VIEW stock_by_kind AS SELECT kind, sum(qty) AS total FROM items GROUP BY kind;
CREATE MATERIALIZED VIEW top_kind AS SELECT kind FROM stock_by_kind ORDER BY total DESC LIMIT 1;
