CREATE TABLE members (id int PRIMARY KEY, handle text NOT NULL);
