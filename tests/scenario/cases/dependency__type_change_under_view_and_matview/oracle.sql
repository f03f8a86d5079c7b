DROP VIEW stock_value;
DROP MATERIALIZED VIEW stock_by_kind;
ALTER TABLE items ALTER COLUMN qty TYPE bigint;
CREATE VIEW stock_value AS SELECT id, qty * price AS value FROM items;
CREATE MATERIALIZED VIEW stock_by_kind AS SELECT kind, sum(qty) AS total FROM items GROUP BY kind;
