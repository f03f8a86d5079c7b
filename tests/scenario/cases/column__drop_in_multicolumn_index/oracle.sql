CREATE INDEX accounts_name_idx ON accounts (name);
ALTER TABLE accounts DROP COLUMN region;
