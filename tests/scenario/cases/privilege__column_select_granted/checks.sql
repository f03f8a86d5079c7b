SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT has_column_privilege('scn_reader', 'public.ledger', 'account', 'SELECT') AND NOT has_column_privilege('scn_reader', 'public.ledger', 'amount', 'SELECT')
