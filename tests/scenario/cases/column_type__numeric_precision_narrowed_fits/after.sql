CREATE TABLE items (id int PRIMARY KEY, v numeric(8,2));
