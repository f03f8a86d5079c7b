CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, email text, amount numeric(14,2));
