INSERT INTO prices SELECT g, g * 1.5 FROM generate_series(1, 2000) g;
