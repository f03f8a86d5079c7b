SELECT count(*) = 3000 AND bool_and(history = ARRAY['todo', 'doing', 'done']::status[]) FROM tasks
SELECT enum_range(NULL::status)::text[] = ARRAY['todo', 'doing', 'done', 'archived']
