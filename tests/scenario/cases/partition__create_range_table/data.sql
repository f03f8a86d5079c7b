INSERT INTO sensors SELECT g, 'S' || g FROM generate_series(1, 50) g;
