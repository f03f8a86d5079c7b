INSERT INTO products SELECT g, 'p' || g, 'x' || g, g FROM generate_series(1, 1000) g;
INSERT INTO legacy_audit SELECT g, 'n' FROM generate_series(1, 100) g;
