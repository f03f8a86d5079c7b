CREATE SCHEMA counters;
CREATE SEQUENCE counters.receipt_no AS integer INCREMENT BY 10 MINVALUE 10 START 10;
CREATE SEQUENCE invoice_no;
CREATE TABLE invoices (id int PRIMARY KEY, no bigint NOT NULL DEFAULT nextval('invoice_no'), amount numeric NOT NULL);
