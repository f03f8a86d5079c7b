CREATE TABLE items (id int PRIMARY KEY, v bigint CONSTRAINT items_v_positive CHECK (v > 0));
