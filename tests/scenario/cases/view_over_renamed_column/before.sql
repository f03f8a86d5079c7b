CREATE TABLE people (id int PRIMARY KEY, full_name text);
CREATE VIEW people_names AS SELECT id, full_name FROM people;
