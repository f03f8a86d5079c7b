INSERT INTO tasks SELECT g, 'Task ' || g, (ARRAY['todo','doing','done'])[1 + g % 3]::status FROM generate_series(1, 3000) g;
