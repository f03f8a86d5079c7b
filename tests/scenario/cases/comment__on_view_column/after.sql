CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100;
COMMENT ON COLUMN big_orders.amount IS 'Gross';
