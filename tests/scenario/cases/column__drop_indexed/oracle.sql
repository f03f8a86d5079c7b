DROP INDEX accounts_legacy_code_idx;
ALTER TABLE accounts DROP COLUMN legacy_code;
