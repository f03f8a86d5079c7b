SELECT count(*) = 1000 AND bool_and(name = 'Customer ' || id) AND count(email) = 800 FROM customers
SELECT reloptions @> '{autovacuum_vacuum_scale_factor=0.01,autovacuum_analyze_threshold=500,autovacuum_enabled=true}' FROM pg_class WHERE oid = 'public.customers'::regclass
