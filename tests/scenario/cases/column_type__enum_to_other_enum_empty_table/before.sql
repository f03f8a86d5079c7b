CREATE SCHEMA paint;
CREATE TYPE paint.colour AS ENUM ('red', 'green');
CREATE TABLE paint.paints (id int PRIMARY KEY, shade paint.colour);
