DO $$ BEGIN CREATE ROLE scn_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE scn_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE scn_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE ledger (id int PRIMARY KEY, account text NOT NULL, amount numeric NOT NULL);
CREATE VIEW ledger_totals AS SELECT account, sum(amount) AS total FROM ledger GROUP BY account;
GRANT SELECT ON ledger TO scn_owner;
ALTER VIEW ledger_totals OWNER TO scn_owner;
GRANT SELECT ON ledger_totals TO scn_reader;
