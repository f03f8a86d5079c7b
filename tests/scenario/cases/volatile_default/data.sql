INSERT INTO events SELECT g, 'k' FROM generate_series(1, 3000) g;
