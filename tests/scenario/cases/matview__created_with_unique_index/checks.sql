SELECT count(*) = 4000 AND bool_and(customer = 'cust' || (id % 50) AND amount = (id % 500) + 0.99) FROM orders
SELECT count(*) = 50 AND sum(n) = 4000 FROM customer_totals
SELECT indisunique FROM pg_index WHERE indexrelid = 'public.customer_totals_customer_key'::regclass
