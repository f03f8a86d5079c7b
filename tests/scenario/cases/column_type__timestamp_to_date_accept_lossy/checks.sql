SELECT count(*) = 2000 AND count(v) = 1800 AND bool_and(v IS NULL OR v = date '2024-01-01' + id) FROM items
