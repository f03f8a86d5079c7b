CREATE TYPE colour AS ENUM ('red', 'green');
CREATE TYPE colour_v2 AS ENUM ('red', 'amber', 'green', 'blue');
CREATE TABLE paints (id int PRIMARY KEY, name text NOT NULL, shade colour_v2 NOT NULL DEFAULT 'red');
CREATE INDEX paints_shade_idx ON paints (shade);
