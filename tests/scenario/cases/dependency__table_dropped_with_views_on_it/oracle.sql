DROP VIEW stock_value_high;
DROP VIEW stock_value;
DROP MATERIALIZED VIEW stock_by_kind;
DROP TABLE items;
