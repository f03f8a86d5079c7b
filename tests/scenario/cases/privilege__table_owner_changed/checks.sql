SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT relowner = 'scn_owner'::regrole FROM pg_class WHERE oid = 'public.ledger'::regclass
