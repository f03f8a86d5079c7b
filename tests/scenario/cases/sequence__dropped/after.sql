CREATE TABLE invoices (id int PRIMARY KEY, amount numeric NOT NULL);
