DROP VIEW paid_orders;
ALTER TABLE orders ALTER COLUMN id TYPE bigint;
CREATE VIEW paid_orders AS SELECT id AS order_id, customer, amount FROM orders WHERE status = 'paid';
