SELECT count(*) = 3000 AND count(price) = 2850 AND bool_and(stock = id % 100) FROM products
