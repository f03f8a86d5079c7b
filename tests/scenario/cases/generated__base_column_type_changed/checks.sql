SELECT count(*) = 2500 AND bool_and(qty = 1 + id % 7 AND price = 2.50 + id % 11) FROM lines
SELECT bool_and(total = qty * price) FROM lines
