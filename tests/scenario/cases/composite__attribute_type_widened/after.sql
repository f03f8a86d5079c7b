CREATE TYPE address AS (street text, city text, zip varchar(20));
CREATE TABLE shops (id int PRIMARY KEY, name text NOT NULL, addr address);
