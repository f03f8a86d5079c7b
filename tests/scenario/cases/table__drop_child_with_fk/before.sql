CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
CREATE TABLE customer_tags (customer_id int NOT NULL REFERENCES customers (id), tag text NOT NULL, PRIMARY KEY (customer_id, tag));
