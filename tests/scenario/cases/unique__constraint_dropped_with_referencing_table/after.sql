CREATE TABLE accounts (id int PRIMARY KEY, code text NOT NULL);
