CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
CREATE TYPE money_pair AS (amount numeric, currency text);
COMMENT ON TYPE money_pair IS 'Amount with currency';
