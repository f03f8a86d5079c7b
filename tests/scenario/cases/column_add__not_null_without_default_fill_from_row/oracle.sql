ALTER TABLE accounts ADD COLUMN slug text;
UPDATE accounts SET slug = lower(replace(name, ' ', '-'));
ALTER TABLE accounts ALTER COLUMN slug SET NOT NULL;
