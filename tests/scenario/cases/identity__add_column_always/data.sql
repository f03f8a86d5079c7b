INSERT INTO widgets SELECT 'c' || g, 'W' || g FROM generate_series(1, 1500) g;
