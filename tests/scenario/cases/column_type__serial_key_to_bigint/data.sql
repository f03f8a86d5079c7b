INSERT INTO logs (line) SELECT 'line ' || g FROM generate_series(1, 3000) g;
