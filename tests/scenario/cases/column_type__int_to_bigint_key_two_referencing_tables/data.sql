INSERT INTO authors SELECT g, 'Author ' || g FROM generate_series(1, 500) g;
INSERT INTO books SELECT g, 1 + g % 500, 'Book ' || g FROM generate_series(1, 3000) g;
INSERT INTO quotes SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE 1 + g % 500 END, 'q' FROM generate_series(1, 1000) g;
