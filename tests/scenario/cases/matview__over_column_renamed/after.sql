CREATE TABLE orders (id int PRIMARY KEY, buyer text NOT NULL, amount numeric(10,2) NOT NULL, status text NOT NULL, placed_at timestamptz NOT NULL);
CREATE MATERIALIZED VIEW customer_totals AS SELECT buyer, sum(amount) AS total, count(*) AS n FROM orders GROUP BY buyer;
