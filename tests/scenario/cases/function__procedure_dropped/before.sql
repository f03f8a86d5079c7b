CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE PROCEDURE credit_all(amount numeric) LANGUAGE sql AS $$ UPDATE accounts SET balance = balance + amount $$;
