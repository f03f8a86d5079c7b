CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL, status text NOT NULL);
CREATE VIEW customer_totals AS SELECT customer, sum(amount) AS total, count(*) AS n FROM orders GROUP BY customer;
