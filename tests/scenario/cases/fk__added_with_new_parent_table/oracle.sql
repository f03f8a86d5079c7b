CREATE TABLE parents (id int PRIMARY KEY, code text NOT NULL UNIQUE, name text NOT NULL);
ALTER TABLE kids ADD FOREIGN KEY (parent_id) REFERENCES parents (id);
