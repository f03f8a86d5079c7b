CREATE TABLE items (id int PRIMARY KEY, v bigint[]);
