SELECT count(*) = 3000 AND bool_and(sku = 'SKU' || id AND qty = id % 50 AND price = (id % 100) + 0.5) FROM items
SELECT count(*) = 3000 FROM skus
SELECT to_regtype('public.sku_code') IS NULL
