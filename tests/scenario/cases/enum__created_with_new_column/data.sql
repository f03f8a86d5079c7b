INSERT INTO tasks SELECT g, 'Task ' || g FROM generate_series(1, 3000) g;
