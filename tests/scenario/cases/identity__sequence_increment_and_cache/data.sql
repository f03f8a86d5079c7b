INSERT INTO widgets (id, name) SELECT g, 'W' || g FROM generate_series(1, 1500) g;
SELECT setval(pg_get_serial_sequence('widgets', 'id'), 1500);
