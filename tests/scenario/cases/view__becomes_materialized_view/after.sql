CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL, status text NOT NULL);
CREATE MATERIALIZED VIEW customer_totals AS SELECT customer, sum(amount) AS total, count(*) AS n FROM orders GROUP BY customer;
CREATE UNIQUE INDEX customer_totals_customer_idx ON customer_totals (customer);
CREATE VIEW big_customers AS SELECT customer FROM customer_totals WHERE total > 1000;
