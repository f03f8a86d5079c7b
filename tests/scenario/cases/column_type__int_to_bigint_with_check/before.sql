CREATE TABLE items (id int PRIMARY KEY, v int CONSTRAINT items_v_positive CHECK (v > 0));
