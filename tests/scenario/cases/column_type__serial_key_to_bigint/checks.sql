SELECT count(*) = 3000 AND bool_and(line = 'line ' || id) FROM logs
WITH i AS (INSERT INTO logs (line) VALUES ('next') RETURNING id) SELECT id = 3001 FROM i
SELECT seqtypid = 'bigint'::regtype FROM pg_sequence WHERE seqrelid = 'public.logs_id_seq'::regclass
