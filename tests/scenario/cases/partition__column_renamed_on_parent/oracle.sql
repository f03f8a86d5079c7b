ALTER TABLE readings RENAME COLUMN value TO reading;
