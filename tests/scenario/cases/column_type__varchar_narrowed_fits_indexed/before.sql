CREATE TABLE items (id int PRIMARY KEY, v varchar(100));
CREATE INDEX items_v_idx ON items (v);
