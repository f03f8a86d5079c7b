SELECT count(*) = 1000 AND bool_and(name = 'Customer ' || id) AND count(email) = 800 FROM customers
SELECT t.reloptions = '{autovacuum_enabled=false}' FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.oid = 'public.customers'::regclass
