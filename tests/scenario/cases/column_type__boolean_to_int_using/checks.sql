SELECT count(*) = 2000 AND count(v) = 1800 AND bool_and(v IS NULL OR v = CASE WHEN id % 2 = 0 THEN 1 ELSE 0 END) FROM items
