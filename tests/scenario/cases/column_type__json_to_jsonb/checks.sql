SELECT count(*) = 2000 AND count(v) = 1800 AND bool_and(v IS NULL OR v = jsonb_build_object('n', id, 'tags', jsonb_build_array('a', 'b'))) FROM items
