SET TimeZone = 'Asia/Tokyo';
ALTER TABLE items ALTER COLUMN v TYPE timestamptz;
