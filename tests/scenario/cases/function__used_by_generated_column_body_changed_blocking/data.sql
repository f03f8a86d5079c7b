INSERT INTO items (id, gross) SELECT g, g * 1.5 FROM generate_series(1, 1000) g;
