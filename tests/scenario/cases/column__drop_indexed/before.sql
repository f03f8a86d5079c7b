CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(12,2), legacy_code text);
CREATE INDEX accounts_legacy_code_idx ON accounts (legacy_code);
