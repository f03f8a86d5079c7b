SELECT count(*) = 1000 AND bool_and(name = 'Customer ' || id) AND count(email) = 800 FROM customers
SELECT to_regclass('public.a_side') IS NULL AND to_regclass('public.b_side') IS NULL
