CREATE SEQUENCE old_counter;
CREATE TABLE invoices (id int PRIMARY KEY, amount numeric NOT NULL);
