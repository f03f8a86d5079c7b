SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT count(*) = 0 FROM pg_default_acl WHERE defaclacl::text LIKE '%scn_reader%'
