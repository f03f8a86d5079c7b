SELECT count(*) = 2000 AND count(v) = 1800 AND bool_and(v IS NULL OR v = ('10.' || (id % 250) || '.0.0/16')::inet) FROM items
