CREATE SEQUENCE invoice_number;
CREATE TABLE invoices (id int PRIMARY KEY, no bigint NOT NULL DEFAULT nextval('invoice_number'), amount numeric NOT NULL);
