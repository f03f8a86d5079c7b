SELECT count(*) = 1000 AND bool_and(lower(rows) = id * 10) FROM seats
