CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
CREATE SCHEMA billing;
CREATE TABLE billing.payments (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES public.customers (id), amount numeric(12,2) NOT NULL);
