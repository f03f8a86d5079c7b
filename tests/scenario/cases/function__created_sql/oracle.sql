CREATE FUNCTION vat(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * 0.20, 2) $$;
