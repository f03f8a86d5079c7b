INSERT INTO widgets (id, name) SELECT g, 'W' || g FROM generate_series(1, 1500) g;
