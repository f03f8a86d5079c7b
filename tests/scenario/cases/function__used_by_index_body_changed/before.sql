CREATE FUNCTION name_key(n text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(n) $$;
CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE INDEX accounts_name_key_idx ON accounts (name_key(name));
