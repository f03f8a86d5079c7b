INSERT INTO products SELECT g, CASE WHEN g % 20 = 0 THEN NULL ELSE g * 0.5 END, g % 100, 0 FROM generate_series(1, 3000) g;
