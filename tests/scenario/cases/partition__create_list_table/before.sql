CREATE TABLE sensors (id int PRIMARY KEY, name text NOT NULL);
