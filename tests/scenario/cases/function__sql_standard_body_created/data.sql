INSERT INTO accounts SELECT g, 'acc' || g, g * 10 FROM generate_series(1, 2000) g;
