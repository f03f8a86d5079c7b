SELECT count(*) = 1500 AND count(DISTINCT seq) = 1500 AND min(seq) >= 1 FROM widgets
WITH i AS (INSERT INTO widgets (code, name) VALUES ('new', 'n') RETURNING seq) SELECT seq > 1500 FROM i
