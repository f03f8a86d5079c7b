CREATE TABLE items (id int PRIMARY KEY, v char(12));
