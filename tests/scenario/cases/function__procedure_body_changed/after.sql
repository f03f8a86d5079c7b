CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE PROCEDURE credit_all(amount numeric) LANGUAGE plpgsql AS $$ BEGIN UPDATE accounts SET balance = balance + amount, updated_at = now() WHERE amount > 0; END $$;
