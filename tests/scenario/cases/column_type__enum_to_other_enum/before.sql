CREATE TYPE colour AS ENUM ('red', 'green');
CREATE TABLE paints (id int PRIMARY KEY, name text NOT NULL, shade colour NOT NULL DEFAULT 'red');
CREATE INDEX paints_shade_idx ON paints (shade);
