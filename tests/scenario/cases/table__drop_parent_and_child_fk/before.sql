CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
CREATE TABLE regions (id int PRIMARY KEY, name text NOT NULL);
ALTER TABLE customers ADD COLUMN region_id int REFERENCES regions (id);
