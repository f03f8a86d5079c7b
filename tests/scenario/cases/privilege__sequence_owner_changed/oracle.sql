ALTER SEQUENCE ledger_ids OWNER TO scn_owner;
