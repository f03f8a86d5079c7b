SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT has_column_privilege('scn_app', 'public.ledger', 'account', 'UPDATE') AND NOT has_column_privilege('scn_app', 'public.ledger', 'amount', 'UPDATE')
