INSERT INTO shelves SELECT s, h FROM generate_series(1, 5) s, generate_series(1, 40) h;
INSERT INTO books SELECT g, 1 + g % 5, 1 + g % 40 FROM generate_series(1, 3000) g;
