CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
     CREATE TABLE a_side (id int PRIMARY KEY, b_id int);
     CREATE TABLE b_side (id int PRIMARY KEY, a_id int REFERENCES a_side (id));
     ALTER TABLE a_side ADD CONSTRAINT a_side_b_id_fkey FOREIGN KEY (b_id) REFERENCES b_side (id);
