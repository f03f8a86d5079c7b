INSERT INTO widgets (id, name) OVERRIDING SYSTEM VALUE SELECT g, 'W' || g FROM generate_series(1, 1500) g;
