CREATE TABLE lines (id int PRIMARY KEY, quantity int NOT NULL, price numeric(10,2) NOT NULL, total numeric GENERATED ALWAYS AS (quantity * price) STORED);
