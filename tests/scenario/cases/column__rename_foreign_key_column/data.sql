INSERT INTO teams SELECT g, 'T' || g FROM generate_series(1, 20) g;
INSERT INTO accounts SELECT g, 'Account ' || g, CASE WHEN g % 4 = 0 THEN NULL ELSE 'a' || g || '@example.com' END, g * 1.25, CASE WHEN g % 9 = 0 THEN NULL ELSE 1 + g % 20 END FROM generate_series(1, 2000) g;
