SELECT count(*) = 5 FROM keep
SELECT to_regclass('public.items') IS NULL AND to_regclass('public.stock_value') IS NULL
