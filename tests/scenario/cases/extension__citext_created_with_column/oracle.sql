CREATE EXTENSION citext;
ALTER TABLE orders ADD COLUMN email citext;
