DROP FUNCTION account_count();
CREATE FUNCTION account_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM accounts $$;
