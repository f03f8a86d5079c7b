CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(12,2), sku text NOT NULL UNIQUE);
CREATE TABLE vouchers (id int PRIMARY KEY, account_code text REFERENCES accounts (sku));
