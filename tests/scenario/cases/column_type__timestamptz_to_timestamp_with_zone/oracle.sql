SET TimeZone = 'Europe/Berlin';
ALTER TABLE items ALTER COLUMN v TYPE timestamp;
