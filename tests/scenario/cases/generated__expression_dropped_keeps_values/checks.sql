SELECT count(*) = 2500 AND bool_and(qty = 1 + id % 7 AND price = 2.50 + id % 11) FROM lines
SELECT bool_and(total = qty * price) FROM lines
WITH u AS (UPDATE lines SET total = 0 WHERE id = 1 RETURNING total) SELECT total = 0 FROM u
