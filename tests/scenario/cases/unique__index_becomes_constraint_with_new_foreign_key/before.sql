CREATE TABLE accounts (id int PRIMARY KEY, code text NOT NULL);
CREATE UNIQUE INDEX accounts_code_key ON accounts (code DESC);
CREATE TABLE orders (id int PRIMARY KEY, account_code text NOT NULL, amount numeric NOT NULL);
