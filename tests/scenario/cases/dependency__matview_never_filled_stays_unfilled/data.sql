INSERT INTO readings SELECT g, 's' || (g % 7), g % 1000 FROM generate_series(1, 2000) g;
