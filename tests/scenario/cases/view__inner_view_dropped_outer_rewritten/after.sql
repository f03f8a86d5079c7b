CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL, status text NOT NULL, placed_at timestamptz NOT NULL);
CREATE VIEW big_paid_orders AS SELECT id, customer FROM orders WHERE status = 'paid' AND amount > 250;
