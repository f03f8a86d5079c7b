INSERT INTO shelves SELECT s, h, s || '/' || h FROM generate_series(1, 5) s, generate_series(1, 40) h;
INSERT INTO books SELECT g, CASE WHEN g % 13 = 0 THEN NULL ELSE 1 + g % 5 END, CASE WHEN g % 13 = 0 THEN NULL ELSE 1 + g % 40 END FROM generate_series(1, 3000) g;
