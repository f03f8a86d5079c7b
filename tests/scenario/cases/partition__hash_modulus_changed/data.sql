INSERT INTO events SELECT g, 'e' || g FROM generate_series(1, 4000) g;
