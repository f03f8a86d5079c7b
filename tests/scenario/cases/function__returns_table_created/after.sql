CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE FUNCTION top_accounts(n int) RETURNS TABLE (id int, balance numeric) LANGUAGE sql STABLE AS $$ SELECT id, balance FROM accounts ORDER BY balance DESC LIMIT n $$;
