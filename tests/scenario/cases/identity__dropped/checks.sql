SELECT count(*) = 1500 AND bool_and(name = 'W' || id) FROM widgets
SELECT pg_get_serial_sequence('public.widgets', 'id') IS NULL
