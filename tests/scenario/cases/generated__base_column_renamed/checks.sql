SELECT count(*) = 2500 AND bool_and(quantity = 1 + id % 7 AND total = quantity * price) FROM lines
