INSERT INTO stock SELECT w, p, w * p FROM generate_series(1, 5) w, generate_series(1, 200) p;
INSERT INTO stock_moves SELECT g, 1 + g % 5, 1 + g % 200, g % 3 - 1 FROM generate_series(1, 2000) g;
