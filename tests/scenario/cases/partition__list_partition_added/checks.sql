SELECT count(*) = 4000 AND bool_and(region = (ARRAY['de','fr','it','us'])[1 + id % 4] AND total = id) FROM orders
SELECT count(*) = 1000 FROM orders_us
SELECT count(*) = 0 FROM orders_apac
