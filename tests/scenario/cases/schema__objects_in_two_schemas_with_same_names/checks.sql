SELECT count(*) = 2000 AND bool_and(customer = 'c' || (id % 30) AND amount = id * 1.5) FROM orders
SELECT bool_and(currency = 'USD') FROM public.orders
SELECT count(*) = 2000 AND bool_and(currency = 'EUR') FROM eu.orders
