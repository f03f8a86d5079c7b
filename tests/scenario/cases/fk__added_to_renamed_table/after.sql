CREATE TABLE guardians (id int PRIMARY KEY, code text NOT NULL UNIQUE, name text NOT NULL);
CREATE TABLE kids (id int PRIMARY KEY, parent_id int CONSTRAINT kids_parent_id_fkey REFERENCES guardians (id), note text);
