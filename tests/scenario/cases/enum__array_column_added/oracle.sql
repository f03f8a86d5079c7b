ALTER TABLE tasks ADD COLUMN allowed status[] NOT NULL DEFAULT ARRAY['todo', 'done']::status[];
