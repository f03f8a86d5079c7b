SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT typowner = 'scn_owner'::regrole FROM pg_type WHERE oid = 'public.ledger_kind'::regtype
