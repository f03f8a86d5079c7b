INSERT INTO orders SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'paid' END FROM generate_series(1, 3000) g;
