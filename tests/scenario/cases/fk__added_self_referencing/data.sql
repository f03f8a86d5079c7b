INSERT INTO categories SELECT g, CASE WHEN g <= 10 THEN NULL ELSE 1 + g % 10 END, 'C' || g FROM generate_series(1, 2000) g;
