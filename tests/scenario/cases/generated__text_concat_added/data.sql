INSERT INTO people SELECT g, 'First' || g, 'Last' || g FROM generate_series(1, 2000) g;
