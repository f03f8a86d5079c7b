REVOKE SELECT ON ledger FROM scn_reader;
