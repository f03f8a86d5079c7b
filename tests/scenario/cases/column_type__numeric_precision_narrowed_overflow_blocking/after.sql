CREATE TABLE items (id int PRIMARY KEY, v numeric(6,2));
