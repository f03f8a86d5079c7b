CREATE TABLE accounts (id int PRIMARY KEY, title text NOT NULL, contact_email text, balance numeric(12,2));
