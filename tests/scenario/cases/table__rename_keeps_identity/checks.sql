SELECT count(*) = 700 AND bool_and(title = 'T' || id) FROM issues
WITH i AS (INSERT INTO issues (title) VALUES ('new') RETURNING id) SELECT id > 700 FROM i
