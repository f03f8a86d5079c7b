CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
CREATE DOMAIN positive_amount AS numeric CONSTRAINT positive_amount_check CHECK (VALUE > 0);
COMMENT ON CONSTRAINT positive_amount_check ON DOMAIN positive_amount IS 'Must be above zero';
