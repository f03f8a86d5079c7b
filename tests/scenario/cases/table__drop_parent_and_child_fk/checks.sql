SELECT count(*) = 1000 AND bool_and(name = 'Customer ' || id) AND count(email) = 800 FROM customers
SELECT to_regclass('public.regions') IS NULL
SELECT bool_and(region_id = 1 + id % 10) FROM customers
