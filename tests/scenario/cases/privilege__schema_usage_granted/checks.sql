SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT has_schema_privilege('scn_reader', 'reporting', 'USAGE')
