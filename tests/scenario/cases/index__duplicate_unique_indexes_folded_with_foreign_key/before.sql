CREATE TABLE accounts (id int PRIMARY KEY, code text NOT NULL);
CREATE UNIQUE INDEX accounts_code_u1 ON accounts (code);
CREATE UNIQUE INDEX accounts_code_u2 ON accounts (code);
CREATE TABLE orders (id int PRIMARY KEY, account_code text NOT NULL REFERENCES accounts (code), amount numeric NOT NULL);
