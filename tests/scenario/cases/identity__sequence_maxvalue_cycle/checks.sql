SELECT count(*) = 1500 AND bool_and(name = 'W' || id) FROM widgets
WITH i AS (INSERT INTO widgets (name) VALUES ('next') RETURNING id) SELECT id > 1500 FROM i
SELECT seqmax = 1000000 AND seqcycle FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('public.widgets', 'id')::regclass
