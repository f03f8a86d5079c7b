ALTER TABLE customers SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_threshold = 500, autovacuum_enabled = true);
