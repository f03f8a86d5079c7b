CREATE TYPE address AS (street text, city text, zip varchar(10));
ALTER TABLE shops ADD COLUMN addr address;
