CREATE TABLE clients (id int PRIMARY KEY, full_name text NOT NULL, email text);
