INSERT INTO users SELECT g, g % 5, 'h' || g FROM generate_series(1, 3000) g;
