CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE TABLE balance_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, changed bigint NOT NULL);
CREATE FUNCTION log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO balance_log (changed) SELECT count(*) FROM new_rows;
    RETURN NULL;
END $$;
CREATE TRIGGER accounts_log AFTER UPDATE ON accounts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_changes();
