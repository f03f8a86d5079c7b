CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE FUNCTION rich_accounts() RETURNS SETOF accounts LANGUAGE sql STABLE COST 500 ROWS 50 AS $$ SELECT * FROM accounts WHERE balance > 10000 $$;
