SELECT count(*) = 1500 AND bool_and(amount = id AND account = 'a' || (id % 20)) FROM ledger
SELECT count(*) = 1 FROM pg_default_acl WHERE defaclobjtype = 'S' AND defaclrole = 'scn_owner'::regrole
