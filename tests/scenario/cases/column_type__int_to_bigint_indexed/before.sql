CREATE TABLE items (id int PRIMARY KEY, v int);
CREATE INDEX items_v_idx ON items (v);
