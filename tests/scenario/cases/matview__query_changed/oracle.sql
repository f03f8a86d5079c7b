DROP MATERIALIZED VIEW customer_totals;
CREATE MATERIALIZED VIEW customer_totals AS SELECT customer, sum(amount) AS total, count(*) AS n FROM orders WHERE status <> 'cancelled' GROUP BY customer;
