DROP VIEW paid_orders;
CREATE VIEW paid_orders AS SELECT id, customer, amount::text AS amount FROM orders WHERE status = 'paid';
