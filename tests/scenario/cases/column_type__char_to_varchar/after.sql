CREATE TABLE items (id int PRIMARY KEY, v varchar(12));
