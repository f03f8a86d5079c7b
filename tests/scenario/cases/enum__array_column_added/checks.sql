SELECT count(*) = 3000 AND bool_and(title = 'Task ' || id) AND bool_and(st::text = (ARRAY['todo','doing','done'])[1 + id % 3]) FROM tasks
SELECT bool_and(allowed = ARRAY['todo', 'done']::status[]) FROM tasks
