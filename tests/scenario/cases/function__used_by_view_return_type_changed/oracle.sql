DROP VIEW account_fees;
DROP FUNCTION fee(numeric);
CREATE FUNCTION fee(b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(b / 100, 2) $$;
CREATE VIEW account_fees AS SELECT id, fee(balance) AS fee FROM accounts;
