CREATE TABLE node (id serial PRIMARY KEY, parent_id int REFERENCES node (id), name text NOT NULL);
CREATE INDEX node_parent_idx ON node (parent_id);
