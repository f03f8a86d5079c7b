CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(12,2), a1 text, a2 int NOT NULL DEFAULT 0, a3 jsonb);
