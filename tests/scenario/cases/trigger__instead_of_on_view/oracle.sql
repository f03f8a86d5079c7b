CREATE FUNCTION account_names_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO accounts (id, name) VALUES (NEW.id, NEW.name);
    RETURN NEW;
END $$;
CREATE TRIGGER account_names_insert INSTEAD OF INSERT ON account_names FOR EACH ROW EXECUTE FUNCTION account_names_insert();
