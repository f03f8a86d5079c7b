CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL, status text NOT NULL, placed_at timestamptz NOT NULL);
CREATE VIEW paid_orders AS SELECT id, customer, amount::numeric(14,2) AS amount FROM orders WHERE status IN ('paid', 'shipped');
CREATE MATERIALIZED VIEW paid_totals AS SELECT customer, sum(amount) AS total FROM paid_orders GROUP BY customer;
