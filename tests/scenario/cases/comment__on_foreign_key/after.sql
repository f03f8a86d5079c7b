CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
CREATE TABLE refunds (id int PRIMARY KEY, order_id int REFERENCES orders (id));
COMMENT ON CONSTRAINT refunds_order_id_fkey ON refunds IS 'Refund of an order';
