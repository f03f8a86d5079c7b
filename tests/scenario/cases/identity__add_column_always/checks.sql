SELECT count(*) = 1500 AND bool_and(name = 'W' || substr(code, 2)) AND count(DISTINCT seq) = 1500 FROM widgets
WITH i AS (INSERT INTO widgets (code, name) VALUES ('new', 'n') RETURNING seq) SELECT seq > 1500 FROM i
