CREATE OR REPLACE FUNCTION name_key(n text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(n) $$;
REINDEX INDEX accounts_name_key_idx;
