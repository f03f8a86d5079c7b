SELECT count(*) = 3000 AND bool_and(st::text = (ARRAY['open','doing','done'])[1 + id % 3]) FROM tasks
SELECT enum_range(NULL::status)::text[] = ARRAY['open', 'doing', 'done']
WITH i AS (INSERT INTO tasks (id, title) VALUES (99999, 'x') RETURNING st) SELECT st = 'open' FROM i
