INSERT INTO kids SELECT g, NULL, 'k' || g FROM generate_series(1, 3000) g;
