INSERT INTO subscribers SELECT g, CASE WHEN g % 8 = 0 THEN NULL ELSE 's' || g || '@example.com' END FROM generate_series(1, 2500) g;
