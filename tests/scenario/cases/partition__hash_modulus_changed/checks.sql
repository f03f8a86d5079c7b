SELECT count(*) = 4000 AND bool_and(payload = 'e' || id) FROM events
SELECT count(*) = 4 FROM pg_inherits WHERE inhparent = 'public.events'::regclass
