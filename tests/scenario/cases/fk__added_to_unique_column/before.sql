CREATE TABLE parents (id int PRIMARY KEY, code text NOT NULL UNIQUE, name text NOT NULL);
CREATE TABLE kids (id int PRIMARY KEY, parent_code text, note text);
