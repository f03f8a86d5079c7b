INSERT INTO regions SELECT g, 'R' || g FROM generate_series(1, 10) g;
INSERT INTO customers SELECT g, 'Customer ' || g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'c' || g || '@example.com' END, 1 + g % 10 FROM generate_series(1, 1000) g;
