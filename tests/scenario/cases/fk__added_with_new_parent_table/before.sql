CREATE TABLE kids (id int PRIMARY KEY, parent_id int, note text);
