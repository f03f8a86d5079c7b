SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT nspowner = 'scn_owner'::regrole FROM pg_namespace WHERE nspname = 'reporting'
