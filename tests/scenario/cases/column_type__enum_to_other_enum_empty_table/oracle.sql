CREATE TYPE paint."Colour V2" AS ENUM ('green', 'red');
ALTER TABLE paint.paints ALTER COLUMN shade TYPE paint."Colour V2" USING shade::text::paint."Colour V2";
DROP TYPE paint.colour;
