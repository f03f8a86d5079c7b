CREATE TABLE orders (id int PRIMARY KEY, buyer text NOT NULL, amount numeric(10,2) NOT NULL);
COMMENT ON COLUMN orders.buyer IS 'who ordered';
