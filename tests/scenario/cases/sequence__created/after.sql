CREATE SEQUENCE invoice_no START 5000;
CREATE TABLE invoices (id int PRIMARY KEY, no bigint, amount numeric NOT NULL);
