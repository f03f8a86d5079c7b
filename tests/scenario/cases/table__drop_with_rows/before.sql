CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
CREATE TABLE legacy_notes (id int PRIMARY KEY, body text);
