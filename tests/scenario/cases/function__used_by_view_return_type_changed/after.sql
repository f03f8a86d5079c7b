CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE FUNCTION fee(b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(b / 100, 2) $$;
CREATE VIEW account_fees AS SELECT id, fee(balance) AS fee FROM accounts;
