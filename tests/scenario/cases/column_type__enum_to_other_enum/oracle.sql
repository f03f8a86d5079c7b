CREATE TYPE colour_v2 AS ENUM ('red', 'amber', 'green', 'blue');
ALTER TABLE paints ALTER COLUMN shade DROP DEFAULT;
ALTER TABLE paints ALTER COLUMN shade TYPE colour_v2 USING shade::text::colour_v2;
ALTER TABLE paints ALTER COLUMN shade SET DEFAULT 'red';
