CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL, status text NOT NULL, placed_at timestamptz NOT NULL);
CREATE MATERIALIZED VIEW customer_totals AS SELECT customer, sum(amount) AS total, count(*) AS n FROM orders GROUP BY customer;
CREATE INDEX customer_totals_total_idx ON customer_totals (total);
