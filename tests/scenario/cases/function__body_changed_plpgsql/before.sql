CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE FUNCTION tier(b numeric) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF b > 10000 THEN RETURN 'gold'; END IF;
    RETURN 'basic';
END $$;
