CREATE TABLE groups (id int PRIMARY KEY);
CREATE TABLE contacts (id int PRIMARY KEY, name text NOT NULL, phone text, score int, group_id int REFERENCES groups (id));
