DROP FUNCTION vat(numeric);
CREATE FUNCTION vat(amount numeric, rate numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * rate, 2) $$;
