ALTER FUNCTION ledger_total() OWNER TO scn_owner;
