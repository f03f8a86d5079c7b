SELECT count(*) = 2000 AND bool_and(customer = 'c' || (id % 30) AND amount = id * 1.5) FROM orders
SELECT col_description('public.orders'::regclass, 3) = 'Gross amount in EUR'
