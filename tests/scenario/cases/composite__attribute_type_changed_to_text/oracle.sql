CREATE TYPE address_new AS (street text, city text, zip text);
ALTER TABLE shops ALTER COLUMN addr TYPE address_new USING ROW((addr).street, (addr).city, (addr).zip)::address_new;
DROP TYPE address;
ALTER TYPE address_new RENAME TO address;
