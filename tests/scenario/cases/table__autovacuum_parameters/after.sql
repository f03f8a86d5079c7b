CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_threshold = 500, autovacuum_enabled = true);
