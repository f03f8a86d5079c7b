ALTER TABLE accounts ADD COLUMN imported_at timestamptz NOT NULL DEFAULT clock_timestamp();
