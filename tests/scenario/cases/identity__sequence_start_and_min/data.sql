INSERT INTO widgets (id, name) SELECT g + 999, 'W' || (g + 999) FROM generate_series(1, 1500) g;
SELECT setval(pg_get_serial_sequence('widgets', 'id'), 2499);
