SELECT count(*) = 2000 AND bool_and(body = 'note ' || id) AND count(*) FILTER (WHERE secret) = 200 FROM notes
SELECT count(*) = 0 FROM pg_policies WHERE tablename = 'notes'
