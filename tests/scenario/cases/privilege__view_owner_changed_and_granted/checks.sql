SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT has_table_privilege('scn_reader', 'public.ledger_totals', 'SELECT')
SELECT count(*) = 20 FROM ledger_totals
