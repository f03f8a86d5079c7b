CREATE TABLE shops (id int PRIMARY KEY, name text NOT NULL);
