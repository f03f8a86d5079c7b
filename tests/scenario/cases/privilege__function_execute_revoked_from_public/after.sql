DO $$ BEGIN CREATE ROLE scn_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE scn_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE scn_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE ledger (id int PRIMARY KEY, account text NOT NULL, amount numeric NOT NULL);
CREATE FUNCTION ledger_total() RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT sum(amount) FROM ledger $$;
REVOKE EXECUTE ON FUNCTION ledger_total() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger_total() TO scn_app;
