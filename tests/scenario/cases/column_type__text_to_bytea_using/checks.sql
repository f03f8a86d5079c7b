SELECT count(*) = 2000 AND count(v) = 1800 AND bool_and(v IS NULL OR v = convert_to('payload ' || id, 'UTF8')) FROM items
