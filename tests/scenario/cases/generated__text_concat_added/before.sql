CREATE TABLE people (id int PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL);
