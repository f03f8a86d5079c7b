CREATE FUNCTION vat(amount integer) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * 0.20, 2) $$;
