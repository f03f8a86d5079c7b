CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL, currency text NOT NULL DEFAULT 'USD');
CREATE SCHEMA eu;
CREATE TABLE eu.orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL, currency text NOT NULL DEFAULT 'EUR');
