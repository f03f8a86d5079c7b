DROP MATERIALIZED VIEW customer_totals;
ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2);
CREATE MATERIALIZED VIEW customer_totals AS SELECT customer, sum(amount) AS total, count(*) AS n FROM orders GROUP BY customer;
