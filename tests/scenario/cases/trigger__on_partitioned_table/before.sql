CREATE TABLE events (id int NOT NULL, at date NOT NULL, updated_at timestamptz) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := '2030-01-01 00:00:00+00';
    RETURN NEW;
END $$;
