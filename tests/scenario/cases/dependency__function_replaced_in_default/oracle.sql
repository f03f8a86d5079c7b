CREATE FUNCTION initial_kind() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'bulk' $$;
ALTER TABLE items ALTER COLUMN kind SET DEFAULT initial_kind();
DROP FUNCTION default_kind();
