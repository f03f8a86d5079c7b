ALTER TABLE items ALTER COLUMN v TYPE jsonb USING v::jsonb;
