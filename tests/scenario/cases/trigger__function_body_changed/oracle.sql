CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := '2031-01-01 00:00:00+00';
    RETURN NEW;
END $$;
