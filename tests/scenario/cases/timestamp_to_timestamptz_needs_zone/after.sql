CREATE TABLE event (id int PRIMARY KEY, at timestamptz);
