ALTER TABLE ledger OWNER TO scn_owner;
