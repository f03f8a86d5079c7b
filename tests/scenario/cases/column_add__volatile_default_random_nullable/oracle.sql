ALTER TABLE accounts ADD COLUMN sample double precision DEFAULT random();
