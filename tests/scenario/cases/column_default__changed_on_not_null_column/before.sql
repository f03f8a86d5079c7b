CREATE TABLE contacts (id int PRIMARY KEY, name text NOT NULL, phone text, score int NOT NULL DEFAULT 100);
