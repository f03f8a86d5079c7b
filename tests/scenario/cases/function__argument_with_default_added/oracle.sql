DROP FUNCTION vat(numeric);
CREATE FUNCTION vat(amount numeric, rate numeric DEFAULT 0.20) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * rate, 2) $$;
