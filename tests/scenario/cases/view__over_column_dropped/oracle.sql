DROP VIEW order_times;
ALTER TABLE orders DROP COLUMN placed_at;
