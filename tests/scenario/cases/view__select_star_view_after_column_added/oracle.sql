ALTER TABLE orders ADD COLUMN note text;
CREATE OR REPLACE VIEW all_orders AS SELECT * FROM orders;
