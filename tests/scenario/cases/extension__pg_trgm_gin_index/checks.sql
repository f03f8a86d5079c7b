SELECT count(*) = 2000 AND bool_and(customer = 'c' || (id % 30) AND amount = id * 1.5) FROM orders
SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.orders_customer_trgm_idx'::regclass
