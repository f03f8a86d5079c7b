CREATE TABLE words (id int PRIMARY KEY, word varchar(40) NOT NULL UNIQUE);
