CREATE TABLE reading (id int PRIMARY KEY, value text);
