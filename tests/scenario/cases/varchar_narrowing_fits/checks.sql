SELECT count(*) = 1000 AND count(name) = 900 AND bool_and(name = repeat('y', id % 20)) FROM customer
