SELECT count(*) = 1500 AND bool_and(name = 'W' || id) FROM widgets
WITH i AS (INSERT INTO widgets (id, name) VALUES (100000, 'explicit') RETURNING id) SELECT id = 100000 FROM i
