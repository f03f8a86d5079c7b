CREATE TABLE items (id int PRIMARY KEY, v numeric(14,2));
