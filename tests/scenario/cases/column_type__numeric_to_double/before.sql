CREATE TABLE items (id int PRIMARY KEY, v numeric(10,2));
