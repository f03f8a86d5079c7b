CREATE TABLE lines (id int PRIMARY KEY, qty int NOT NULL, price numeric(10,2) NOT NULL);
