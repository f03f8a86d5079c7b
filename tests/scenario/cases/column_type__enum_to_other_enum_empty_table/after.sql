CREATE SCHEMA paint;
CREATE TYPE paint."Colour V2" AS ENUM ('green', 'red');
CREATE TABLE paint.paints (id int PRIMARY KEY, shade paint."Colour V2");
