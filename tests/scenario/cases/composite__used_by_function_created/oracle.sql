CREATE FUNCTION format_address(a address) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT a.street || ', ' || a.city $$;
