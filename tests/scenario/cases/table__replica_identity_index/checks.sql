SELECT count(*) = 1000 AND bool_and(name = 'Customer ' || id) AND bool_and(email = 'c' || id || '@example.com') FROM customers
SELECT relreplident = 'i' FROM pg_class WHERE oid = 'public.customers'::regclass
