CREATE TABLE clients (id int PRIMARY KEY, name text NOT NULL, email text);
CREATE TABLE invoices (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES clients (id), amount numeric NOT NULL);
