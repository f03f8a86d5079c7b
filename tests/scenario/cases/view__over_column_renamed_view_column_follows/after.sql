CREATE TABLE orders (id int PRIMARY KEY, buyer text NOT NULL, amount numeric(10,2) NOT NULL, status text NOT NULL, placed_at timestamptz NOT NULL);
CREATE VIEW paid_orders AS SELECT id, buyer, amount FROM orders WHERE status = 'paid';
