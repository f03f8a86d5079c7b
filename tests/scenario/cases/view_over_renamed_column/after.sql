CREATE TABLE people (id int PRIMARY KEY, display_name text);
CREATE VIEW people_names AS SELECT id, display_name FROM people;
