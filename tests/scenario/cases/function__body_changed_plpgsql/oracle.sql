CREATE OR REPLACE FUNCTION tier(b numeric) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF b > 15000 THEN RETURN 'gold'; END IF;
    IF b > 5000 THEN RETURN 'silver'; END IF;
    RETURN 'basic';
END $$;
