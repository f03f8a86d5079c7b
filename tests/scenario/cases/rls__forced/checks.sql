SELECT count(*) = 2000 AND bool_and(body = 'note ' || id) AND count(*) FILTER (WHERE secret) = 200 FROM notes
SELECT relforcerowsecurity FROM pg_class WHERE oid = 'public.notes'::regclass
