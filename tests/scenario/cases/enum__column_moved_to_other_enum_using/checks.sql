SELECT count(*) = 3000 AND bool_and(st::text = (ARRAY['open','in_progress','closed'])[1 + id % 3]) FROM tasks
WITH i AS (INSERT INTO tasks (id, title) VALUES (99999, 'x') RETURNING st) SELECT st = 'open' FROM i
