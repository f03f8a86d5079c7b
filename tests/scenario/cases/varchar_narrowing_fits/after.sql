CREATE TABLE customer (id int PRIMARY KEY, name varchar(20));
