CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
CREATE TABLE unused_staging (id int, payload text);
