ALTER TYPE ledger_kind OWNER TO scn_owner;
