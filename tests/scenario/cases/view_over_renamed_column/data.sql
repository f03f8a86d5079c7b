INSERT INTO people SELECT g, 'P' || g FROM generate_series(1, 1000) g;
