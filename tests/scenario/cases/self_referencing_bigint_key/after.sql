CREATE TABLE node (id bigserial PRIMARY KEY, parent_id bigint REFERENCES node (id), name text NOT NULL);
CREATE INDEX node_parent_idx ON node (parent_id);
