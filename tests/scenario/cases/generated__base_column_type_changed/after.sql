CREATE TABLE lines (id int PRIMARY KEY, qty bigint NOT NULL, price numeric(10,2) NOT NULL, total numeric GENERATED ALWAYS AS (qty * price) STORED);
