ALTER TABLE customers SET (toast.autovacuum_enabled = false);
