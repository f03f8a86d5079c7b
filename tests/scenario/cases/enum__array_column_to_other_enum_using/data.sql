INSERT INTO tasks SELECT g, 'Task ' || g, 'done', CASE WHEN g % 10 = 0 THEN NULL ELSE ARRAY['todo', 'doing']::status[] END FROM generate_series(1, 3000) g;
