DROP FUNCTION vat(numeric);
CREATE FUNCTION vat(net numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(net * 0.20, 2) $$;
