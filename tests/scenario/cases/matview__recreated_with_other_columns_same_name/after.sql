CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL, status text NOT NULL, placed_at timestamptz NOT NULL);
CREATE MATERIALIZED VIEW customer_totals AS SELECT customer AS name, status, sum(amount)::numeric(14,2) AS total FROM orders GROUP BY customer, status;
