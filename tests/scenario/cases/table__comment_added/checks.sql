SELECT count(*) = 1000 AND bool_and(name = 'Customer ' || id) AND count(email) = 800 FROM customers
SELECT obj_description('public.customers'::regclass, 'pg_class') = 'People and companies that buy from us'
