SELECT conenforced AND convalidated FROM pg_constraint WHERE conname = 'orders_customer_id_fkey'
SELECT count(*) = 1500 FROM orders
