CREATE EXTENSION citext;
CREATE TABLE orders (id int PRIMARY KEY, customer citext NOT NULL, amount numeric(10,2) NOT NULL);
