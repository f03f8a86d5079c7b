CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE FUNCTION tier(b numeric) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF b > 15000 THEN RETURN 'gold'; END IF;
    IF b > 5000 THEN RETURN 'silver'; END IF;
    RETURN 'basic';
END $$;
