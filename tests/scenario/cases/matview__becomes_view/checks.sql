SELECT count(*) = 4000 FROM orders
SELECT count(*) = 50 AND sum(n) = 4000 FROM customer_totals
SELECT relkind = 'v' FROM pg_class WHERE oid = 'public.customer_totals'::regclass
