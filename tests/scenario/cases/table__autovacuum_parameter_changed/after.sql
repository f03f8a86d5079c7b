CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text) WITH (autovacuum_vacuum_scale_factor = 0.05);
