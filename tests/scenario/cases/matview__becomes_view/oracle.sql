DROP MATERIALIZED VIEW customer_totals;
CREATE VIEW customer_totals AS SELECT customer, sum(amount) AS total, count(*) AS n FROM orders GROUP BY customer;
