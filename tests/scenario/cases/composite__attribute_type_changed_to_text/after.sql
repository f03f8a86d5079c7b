CREATE TYPE address AS (street text, city text, zip text);
CREATE TABLE shops (id int PRIMARY KEY, name text NOT NULL, addr address);
