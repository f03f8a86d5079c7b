SELECT count(*) = 2000 AND bool_and(customer = 'c' || (id % 30) AND amount = id * 1.5) FROM commerce.orders
SELECT count(*) = 0 FROM pg_namespace WHERE nspname = 'sales'
