CREATE TABLE clients (id int PRIMARY KEY, name text NOT NULL, email text, vip boolean NOT NULL DEFAULT false);
