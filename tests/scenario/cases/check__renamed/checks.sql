SELECT count(*) = 3000 AND count(price) = 2850 AND bool_and(stock = id % 100) FROM products
SELECT count(*) = 1 FROM pg_constraint WHERE conname = 'products_price_positive'
