SELECT count(*) = 2000 AND bool_and(customer = 'c' || (id % 30) AND amount = id * 1.5) FROM orders
SELECT obj_description('public.orders_customer_idx'::regclass, 'pg_class') = 'For the customer page'
