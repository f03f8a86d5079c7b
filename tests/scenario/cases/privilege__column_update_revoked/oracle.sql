REVOKE UPDATE (amount) ON ledger FROM scn_app;
