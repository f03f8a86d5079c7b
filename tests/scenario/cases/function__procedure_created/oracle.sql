CREATE PROCEDURE credit_all(amount numeric) LANGUAGE sql AS $$ UPDATE accounts SET balance = balance + amount $$;
