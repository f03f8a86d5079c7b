ALTER TABLE items ALTER COLUMN v TYPE timestamp(3);
