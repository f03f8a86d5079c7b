SELECT count(*) = 2000 AND count(v) = 1800 AND bool_and(v IS NULL OR v = (id % 2 <> 0)) FROM items
