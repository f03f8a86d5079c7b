ALTER TABLE contacts ALTER COLUMN labels SET DEFAULT ARRAY['new']::text[];
