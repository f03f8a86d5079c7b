CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(14,2) NOT NULL);
COMMENT ON COLUMN orders.amount IS 'gross';
