SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT has_type_privilege('scn_app', 'public.ledger_kind', 'USAGE') AND NOT has_type_privilege('scn_reader', 'public.ledger_kind', 'USAGE')
