SELECT count(*) = 3000 AND bool_and(sku = 'SKU' || id AND qty = id % 50 AND price = (id % 100) + 0.5) FROM items
SELECT to_regclass('public.stock_value') IS NULL AND to_regclass('public.stock_value_high') IS NULL AND to_regclass('public.stock_value_high_count') IS NULL
