SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT has_function_privilege('scn_app', 'public.ledger_total()', 'EXECUTE') AND NOT has_function_privilege('scn_reader', 'public.ledger_total()', 'EXECUTE')
