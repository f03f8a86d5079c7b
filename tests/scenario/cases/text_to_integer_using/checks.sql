SELECT count(*) = 500 AND count(value) = 499 AND bool_and(value = id) FROM reading
