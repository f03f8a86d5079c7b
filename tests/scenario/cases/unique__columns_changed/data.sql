INSERT INTO users SELECT g, CASE WHEN g % 50 = 0 THEN NULL ELSE 'u' || g || '@example.com' END, 1 + g % 4, 'h' || g FROM generate_series(1, 2000) g;
