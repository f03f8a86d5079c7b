CREATE FUNCTION is_valid_name(n text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT length(n) > 0 $$;
CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz, CONSTRAINT accounts_name_valid CHECK (is_valid_name(name)));
