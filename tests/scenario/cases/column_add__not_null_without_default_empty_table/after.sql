CREATE TABLE invites (id int PRIMARY KEY, email text NOT NULL, token text NOT NULL);
