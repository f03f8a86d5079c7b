GRANT SELECT ON ledger TO scn_reader;
