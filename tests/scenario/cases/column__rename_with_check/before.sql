CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(12,2), quantity int NOT NULL CONSTRAINT accounts_quantity_check CHECK (quantity >= 0));
