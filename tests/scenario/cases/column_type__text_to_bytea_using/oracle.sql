ALTER TABLE items ALTER COLUMN v TYPE bytea USING convert_to(v, 'UTF8');
