ALTER FUNCTION account_count() SECURITY DEFINER SET search_path = pg_catalog, public;
