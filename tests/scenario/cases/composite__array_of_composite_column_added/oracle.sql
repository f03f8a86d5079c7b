ALTER TABLE shops ADD COLUMN branches address[] NOT NULL DEFAULT '{}';
