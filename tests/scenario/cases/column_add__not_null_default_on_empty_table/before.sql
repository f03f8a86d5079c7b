CREATE TABLE invites (id int PRIMARY KEY, email text NOT NULL);
