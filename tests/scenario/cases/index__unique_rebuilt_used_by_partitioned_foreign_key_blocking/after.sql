CREATE TABLE accounts (id int PRIMARY KEY, code text NOT NULL);
CREATE UNIQUE INDEX accounts_code_idx ON accounts (code);
CREATE TABLE orders (id int NOT NULL, account_code text NOT NULL REFERENCES accounts (code), amount numeric NOT NULL) PARTITION BY RANGE (id);
CREATE TABLE orders_low PARTITION OF orders FOR VALUES FROM (0) TO (1000);
CREATE TABLE orders_high PARTITION OF orders FOR VALUES FROM (1000) TO (100000);
