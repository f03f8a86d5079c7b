ALTER TABLE items ALTER COLUMN v TYPE int USING trim(v)::int;
