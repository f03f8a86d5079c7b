INSERT INTO customers SELECT g, 'Customer ' || g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'c' || g || '@example.com' END FROM generate_series(1, 1000) g;
