ALTER TABLE readings ALTER COLUMN id TYPE bigint;
