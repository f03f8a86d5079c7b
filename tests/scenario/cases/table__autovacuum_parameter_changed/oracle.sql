ALTER TABLE customers SET (autovacuum_vacuum_scale_factor = 0.05);
ALTER TABLE customers RESET (fillfactor);
