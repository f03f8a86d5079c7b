CREATE TABLE seats (id int PRIMARY KEY, rows int4range NOT NULL, EXCLUDE USING gist (rows WITH &&));
