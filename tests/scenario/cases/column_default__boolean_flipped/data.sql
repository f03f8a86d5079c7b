INSERT INTO contacts SELECT g, 'Contact ' || g, NULL, g, g % 2 = 0 FROM generate_series(1, 3000) g;
