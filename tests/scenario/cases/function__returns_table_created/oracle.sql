CREATE FUNCTION top_accounts(n int) RETURNS TABLE (id int, balance numeric) LANGUAGE sql STABLE AS $$ SELECT id, balance FROM accounts ORDER BY balance DESC LIMIT n $$;
