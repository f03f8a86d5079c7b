SELECT count(*) = 1500 AND bool_and(name = 'W' || id) FROM widgets
WITH i AS (INSERT INTO widgets (name) VALUES ('next') RETURNING id) SELECT id = 1510 FROM i
SELECT seqincrement = 10 AND seqcache = 20 FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('public.widgets', 'id')::regclass
