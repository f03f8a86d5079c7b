GRANT SELECT ON ledger TO scn_owner;
ALTER VIEW ledger_totals OWNER TO scn_owner;
GRANT SELECT ON ledger_totals TO scn_reader;
