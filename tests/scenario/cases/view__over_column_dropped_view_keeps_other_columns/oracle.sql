DROP VIEW order_summary;
ALTER TABLE orders DROP COLUMN placed_at;
CREATE VIEW order_summary AS SELECT id, customer FROM orders;
