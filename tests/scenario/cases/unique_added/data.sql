INSERT INTO members SELECT g, 'h' || g FROM generate_series(1, 2000) g;
