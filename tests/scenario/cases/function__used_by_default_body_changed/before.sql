CREATE FUNCTION default_name() RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'unnamed' $$;
CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL DEFAULT default_name(), balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
