CREATE TYPE address AS (street text, city text, zip varchar(10));
CREATE TABLE shops (id int PRIMARY KEY, name text NOT NULL, addr address);
ALTER TABLE shops ADD COLUMN branches address[] NOT NULL DEFAULT '{}';
