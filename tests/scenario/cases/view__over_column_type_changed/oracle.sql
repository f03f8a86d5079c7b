DROP VIEW paid_orders;
ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2);
CREATE VIEW paid_orders AS SELECT id, customer, amount FROM orders WHERE status = 'paid';
