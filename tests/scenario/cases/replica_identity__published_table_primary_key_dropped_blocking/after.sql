CREATE TABLE invoices (id int NOT NULL, customer text NOT NULL, total numeric(10,2) NOT NULL);
