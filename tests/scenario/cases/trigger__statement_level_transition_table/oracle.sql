CREATE FUNCTION log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO balance_log (changed) SELECT count(*) FROM new_rows;
    RETURN NULL;
END $$;
CREATE TRIGGER accounts_log AFTER UPDATE ON accounts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_changes();
