CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);
