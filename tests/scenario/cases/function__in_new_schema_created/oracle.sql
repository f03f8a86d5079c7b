CREATE SCHEMA util;
CREATE FUNCTION util.clamp(v numeric, lo numeric, hi numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(lo, least(hi, v)) $$;
