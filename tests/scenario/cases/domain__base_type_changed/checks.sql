SELECT count(*) = 2000 AND bool_and(value = id * 1.5) FROM payments
