DROP VIEW big_paid_orders;
DROP VIEW paid_orders;
CREATE VIEW big_paid_orders AS SELECT id, customer FROM orders WHERE status = 'paid' AND amount > 250;
