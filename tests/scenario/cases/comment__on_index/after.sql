CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
CREATE INDEX orders_customer_idx ON orders (customer);
COMMENT ON INDEX orders_customer_idx IS 'For the customer page';
