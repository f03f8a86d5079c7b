CREATE SEQUENCE invoice_no MINVALUE 1 MAXVALUE 999999;
CREATE TABLE invoices (id int PRIMARY KEY, no bigint NOT NULL DEFAULT nextval('invoice_no'), amount numeric NOT NULL);
