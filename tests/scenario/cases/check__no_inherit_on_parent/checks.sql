SELECT count(*) = 3000 AND count(price) = 2850 AND bool_and(stock = id % 100) FROM ONLY products
SELECT count(*) = 100 AND bool_and(stock = -1) FROM archived_products
