ALTER TABLE measurements ADD COLUMN unit text NOT NULL DEFAULT 'C';
