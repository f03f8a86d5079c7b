ALTER TABLE tasks ALTER COLUMN history TYPE phase[] USING history::text[]::phase[];
