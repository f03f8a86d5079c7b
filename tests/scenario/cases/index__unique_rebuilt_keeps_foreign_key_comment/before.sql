CREATE TABLE accounts (id int PRIMARY KEY, code text NOT NULL);
CREATE UNIQUE INDEX accounts_code_idx ON accounts (code DESC);
CREATE TABLE orders (id int PRIMARY KEY, account_code text NOT NULL REFERENCES accounts (code), amount numeric NOT NULL);
COMMENT ON CONSTRAINT orders_account_code_fkey ON orders IS 'every order has an account';
