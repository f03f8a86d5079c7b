DROP MATERIALIZED VIEW paid_totals;
DROP VIEW paid_orders;
CREATE VIEW paid_orders AS SELECT id, customer, amount::numeric(14,2) AS amount FROM orders WHERE status IN ('paid', 'shipped');
CREATE MATERIALIZED VIEW paid_totals AS SELECT customer, sum(amount) AS total FROM paid_orders GROUP BY customer;
