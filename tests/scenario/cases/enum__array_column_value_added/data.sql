INSERT INTO tasks SELECT g, 'Task ' || g, 'done', ARRAY['todo', 'doing', 'done']::status[] FROM generate_series(1, 3000) g;
