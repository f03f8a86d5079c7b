SELECT count(*) = 1500 AND bool_and(name = 'W' || id) FROM widgets
WITH i AS (INSERT INTO widgets (name) VALUES ('next') RETURNING id) SELECT id = 2500 FROM i
