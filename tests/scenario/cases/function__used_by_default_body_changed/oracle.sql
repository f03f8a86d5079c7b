CREATE OR REPLACE FUNCTION default_name() RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'anonymous' $$;
