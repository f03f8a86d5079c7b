SELECT count(*) = 2000 AND bool_and(customer = 'c' || (id % 30) AND amount = id * 1.5) FROM orders
SELECT obj_description('public.big_orders'::regclass, 'pg_class') = 'Orders over 100'
