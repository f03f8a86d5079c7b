DROP MATERIALIZED VIEW top_kind;
DROP MATERIALIZED VIEW stock_by_kind;
CREATE MATERIALIZED VIEW stock_by_kind AS SELECT kind, sum(qty * price) AS total FROM items GROUP BY kind;
CREATE MATERIALIZED VIEW top_kind AS SELECT kind FROM stock_by_kind ORDER BY total DESC LIMIT 1;
