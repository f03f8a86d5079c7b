CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE FUNCTION vat(amount numeric, rate numeric DEFAULT 0.20) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * rate, 2) $$;
