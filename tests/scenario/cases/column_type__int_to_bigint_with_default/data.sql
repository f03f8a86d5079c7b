INSERT INTO items SELECT g, g FROM generate_series(1, 2000) g;
