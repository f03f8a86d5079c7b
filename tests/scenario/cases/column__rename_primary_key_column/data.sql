INSERT INTO accounts SELECT g, 'Account ' || g, CASE WHEN g % 4 = 0 THEN NULL ELSE 'a' || g || '@example.com' END, g * 1.25 FROM generate_series(1, 2000) g;
INSERT INTO notes SELECT g, 1 + g % 2000, 'n' || g FROM generate_series(1, 4000) g;
