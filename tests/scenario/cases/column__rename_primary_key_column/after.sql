CREATE TABLE accounts (account_id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(12,2));
CREATE TABLE notes (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts (account_id), body text);
