SELECT count(*) = 1000 AND bool_and(name = 'Customer ' || id) AND count(email) = 800 FROM customers
SELECT relpersistence = 'u' FROM pg_class WHERE oid = 'public.customers'::regclass
