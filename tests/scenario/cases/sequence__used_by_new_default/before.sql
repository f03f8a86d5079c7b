CREATE SEQUENCE invoice_no;
CREATE TABLE invoices (id int PRIMARY KEY, no bigint, amount numeric NOT NULL);
