CREATE FUNCTION stamp_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := '2031-01-01 00:00:00+00';
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION stamp_row();
DROP FUNCTION touch_updated_at();
