SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT has_table_privilege('scn_app', 'public.ledger', 'SELECT')
SELECT has_table_privilege('scn_app', 'public.ledger', 'DELETE')
