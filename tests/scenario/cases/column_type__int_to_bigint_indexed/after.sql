CREATE TABLE items (id int PRIMARY KEY, v bigint);
CREATE INDEX items_v_idx ON items (v);
