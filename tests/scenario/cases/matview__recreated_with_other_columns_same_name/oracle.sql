DROP MATERIALIZED VIEW customer_totals;
CREATE MATERIALIZED VIEW customer_totals AS SELECT customer AS name, status, sum(amount)::numeric(14,2) AS total FROM orders GROUP BY customer, status;
