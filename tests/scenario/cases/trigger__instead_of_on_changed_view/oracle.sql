CREATE OR REPLACE VIEW account_names AS SELECT id, name, balance FROM accounts;
