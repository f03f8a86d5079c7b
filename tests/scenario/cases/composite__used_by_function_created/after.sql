CREATE TYPE address AS (street text, city text, zip varchar(10));
CREATE TABLE shops (id int PRIMARY KEY, name text NOT NULL, addr address);
CREATE FUNCTION format_address(a address) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT a.street || ', ' || a.city $$;
