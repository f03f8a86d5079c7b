SELECT count(*) = 1000 AND bool_and(name = 'p' || id) FROM products
