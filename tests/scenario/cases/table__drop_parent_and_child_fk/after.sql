CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
ALTER TABLE customers ADD COLUMN region_id int;
