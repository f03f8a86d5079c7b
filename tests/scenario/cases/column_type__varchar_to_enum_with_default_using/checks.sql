SELECT count(*) = 2000 AND count(v) = 1800 AND bool_and(v IS NULL OR v = (ARRAY['sad','ok','happy'])[1 + id % 3]::mood) FROM items
