DROP VIEW stock_value_high_count;
DROP VIEW stock_value_high;
DROP VIEW stock_value;
ALTER TABLE items ALTER COLUMN qty TYPE bigint;
CREATE VIEW stock_value AS SELECT id, qty * price AS value FROM items;
CREATE VIEW stock_value_high AS SELECT id FROM stock_value WHERE value > 1000;
CREATE VIEW stock_value_high_count AS SELECT count(*) AS n FROM stock_value_high;
