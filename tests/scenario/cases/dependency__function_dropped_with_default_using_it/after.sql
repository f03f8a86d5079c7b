CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty int NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL);
