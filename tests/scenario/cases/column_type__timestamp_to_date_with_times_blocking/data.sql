INSERT INTO items SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE timestamp '2024-01-01 10:30' + g * interval '1 day' END FROM generate_series(1, 2000) g;
