SELECT count(*) = 3000 AND count(history) = 2700 AND bool_and(history IS NULL OR history = ARRAY['todo', 'doing']::phase[]) FROM tasks
