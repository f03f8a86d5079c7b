CREATE TABLE notes (id int PRIMARY KEY, body varchar(50) NOT NULL);
