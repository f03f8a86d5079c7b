ALTER TABLE measurements ALTER COLUMN reading TYPE bigint;
