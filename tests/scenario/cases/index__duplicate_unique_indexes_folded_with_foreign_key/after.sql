CREATE TABLE accounts (id int PRIMARY KEY, code text NOT NULL CONSTRAINT accounts_code_key UNIQUE);
CREATE TABLE orders (id int PRIMARY KEY, account_code text NOT NULL REFERENCES accounts (code), amount numeric NOT NULL);
