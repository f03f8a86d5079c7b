CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(12,2), phone text, verified boolean NOT NULL DEFAULT false, score int DEFAULT 10, notes text[]);
