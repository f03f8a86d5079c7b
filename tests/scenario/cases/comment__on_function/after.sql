CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
CREATE FUNCTION order_total() RETURNS numeric LANGUAGE sql STABLE AS 'SELECT sum(amount) FROM orders';
COMMENT ON FUNCTION order_total() IS 'Sum of all orders';
