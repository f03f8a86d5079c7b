DROP VIEW paid_orders;
CREATE VIEW paid_orders AS SELECT amount, id, customer FROM orders WHERE status = 'paid';
