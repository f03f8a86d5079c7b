CREATE TABLE parents (id int PRIMARY KEY, code text NOT NULL UNIQUE, name text NOT NULL);
CREATE TABLE kids (id int PRIMARY KEY, parent_ref text, note text);
ALTER TABLE kids ADD CONSTRAINT kids_parent_ref_fkey FOREIGN KEY (parent_ref) REFERENCES parents (code);
