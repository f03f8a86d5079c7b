INSERT INTO items SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE json_build_object('n', g, 'tags', json_build_array('a', 'b')) END FROM generate_series(1, 2000) g;
