CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE VIEW account_names AS SELECT id, name FROM accounts;
CREATE FUNCTION account_names_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO accounts (id, name) VALUES (NEW.id, NEW.name);
    RETURN NEW;
END $$;
CREATE TRIGGER account_names_insert INSTEAD OF INSERT ON account_names FOR EACH ROW EXECUTE FUNCTION account_names_insert();
