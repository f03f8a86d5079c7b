CREATE TABLE words (id int PRIMARY KEY, word varchar(40));
