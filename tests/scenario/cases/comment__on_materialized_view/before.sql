CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
CREATE MATERIALIZED VIEW totals AS SELECT customer, sum(amount) FROM orders GROUP BY customer;
