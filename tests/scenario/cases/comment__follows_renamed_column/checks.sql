SELECT count(*) = 2000 AND bool_and(buyer = 'c' || (id % 30)) FROM orders
SELECT col_description('public.orders'::regclass, attnum) = 'who ordered' FROM pg_attribute WHERE attrelid = 'public.orders'::regclass AND attname = 'buyer'
