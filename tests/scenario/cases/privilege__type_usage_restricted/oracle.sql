REVOKE USAGE ON TYPE ledger_kind FROM PUBLIC;
GRANT USAGE ON TYPE ledger_kind TO scn_app;
