CREATE TABLE price (id int PRIMARY KEY, amount numeric(10,2));
