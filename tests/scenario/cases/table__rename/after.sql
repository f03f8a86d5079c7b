CREATE TABLE clients (id int PRIMARY KEY, name text NOT NULL, email text);
