SELECT count(*) = 3000 AND count(price) = 2850 AND bool_and(stock = id % 100) FROM products
SELECT count(*) = 30 FROM products WHERE stock = 0
SELECT NOT convalidated FROM pg_constraint WHERE conname = 'products_stock_positive'
