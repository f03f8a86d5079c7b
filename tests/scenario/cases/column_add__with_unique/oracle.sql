ALTER TABLE accounts ADD COLUMN external_ref text UNIQUE;
