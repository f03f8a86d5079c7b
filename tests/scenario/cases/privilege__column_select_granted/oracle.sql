GRANT SELECT (id, account) ON ledger TO scn_reader;
