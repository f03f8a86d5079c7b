CREATE OR REPLACE PROCEDURE credit_all(amount numeric) LANGUAGE plpgsql AS $$ BEGIN UPDATE accounts SET balance = balance + amount, updated_at = now() WHERE amount > 0; END $$;
