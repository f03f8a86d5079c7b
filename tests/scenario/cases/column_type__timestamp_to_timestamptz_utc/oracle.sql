SET TimeZone = 'UTC';
ALTER TABLE items ALTER COLUMN v TYPE timestamptz;
