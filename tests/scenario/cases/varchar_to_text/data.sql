INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 3000) g;
