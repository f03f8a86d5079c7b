CREATE DOMAIN percent AS int CHECK (VALUE BETWEEN 0 AND 100);
CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(12,2), vat percent NOT NULL DEFAULT 20);
