SELECT count(*) = 2000 AND bool_and(customer = 'c' || (id % 30) AND amount = id * 1.5) FROM orders
SELECT count(*) = 2000 / 30 + 1 FROM orders WHERE customer = 'C1'
