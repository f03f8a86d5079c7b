INSERT INTO widgets (name) SELECT 'W' || g FROM generate_series(1, 1500) g;
