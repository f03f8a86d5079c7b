SELECT count(*) = 1000 AND bool_and(name = 'Customer ' || id) AND count(email) = 800 FROM customers
SELECT to_regclass('public.customer_tags') IS NULL
SELECT count(*) = 0 FROM pg_constraint WHERE confrelid = 'public.customers'::regclass
