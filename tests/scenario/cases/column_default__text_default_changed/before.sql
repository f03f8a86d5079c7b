CREATE TABLE contacts (id int PRIMARY KEY, name text NOT NULL, phone text DEFAULT 'n/a', score int);
