INSERT INTO items SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE date '2024-01-01' + g END FROM generate_series(1, 2000) g;
