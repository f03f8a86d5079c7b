INSERT INTO lines (id, qty, price) SELECT g, 1 + g % 7, 2.50 + g % 11 FROM generate_series(1, 2500) g;
