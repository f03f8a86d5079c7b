SELECT count(*) = 2000 AND count(v) = 1800 AND bool_and(v IS NULL OR v = ARRAY[id, id * 2, id * 3]::bigint[]) FROM items
