DROP VIEW big_paid_orders;
DROP VIEW paid_orders;
CREATE VIEW paid_orders AS SELECT id, customer::varchar(20) AS customer, amount FROM orders WHERE status = 'paid';
CREATE VIEW big_paid_orders AS SELECT id, customer FROM paid_orders WHERE amount > 250;
