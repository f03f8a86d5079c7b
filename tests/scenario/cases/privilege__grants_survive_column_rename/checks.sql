SELECT count(*) = 1500 AND bool_and(value = id) FROM ledger
SELECT has_table_privilege('scn_app', 'public.ledger', 'SELECT')
SELECT has_column_privilege('scn_app', 'public.ledger', 'value', 'UPDATE')
