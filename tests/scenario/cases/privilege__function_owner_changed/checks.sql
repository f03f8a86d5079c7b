SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT proowner = 'scn_owner'::regrole FROM pg_proc WHERE oid = 'public.ledger_total()'::regprocedure
