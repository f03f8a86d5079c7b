ALTER TABLE accounts ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
