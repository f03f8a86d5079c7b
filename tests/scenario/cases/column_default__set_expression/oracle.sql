ALTER TABLE contacts ALTER COLUMN score SET DEFAULT (extract(year FROM now()))::int;
