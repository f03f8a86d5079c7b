ALTER TABLE accounts ADD COLUMN region text;
UPDATE accounts SET region = 'eu-west';
ALTER TABLE accounts ALTER COLUMN region SET NOT NULL;
