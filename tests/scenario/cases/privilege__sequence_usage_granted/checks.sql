SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT has_sequence_privilege('scn_app', 'public.ledger_ids', 'USAGE')
