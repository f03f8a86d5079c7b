ALTER TABLE items ALTER COLUMN v TYPE double precision;
