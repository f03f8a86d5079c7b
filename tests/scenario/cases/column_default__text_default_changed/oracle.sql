ALTER TABLE contacts ALTER COLUMN phone SET DEFAULT 'unknown';
