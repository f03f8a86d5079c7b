ALTER TABLE readings ALTER COLUMN value TYPE numeric(12,2);
