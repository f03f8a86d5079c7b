CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE SCHEMA util;
CREATE FUNCTION util.clamp(v numeric, lo numeric, hi numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(lo, least(hi, v)) $$;
