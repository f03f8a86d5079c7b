CREATE DOMAIN positive_amount AS numeric CONSTRAINT positive_amount_check CHECK (VALUE > 0);
COMMENT ON CONSTRAINT positive_amount_check ON DOMAIN positive_amount IS 'Must be above zero';
CREATE TABLE orders (id int PRIMARY KEY, amount positive_amount NOT NULL);
