SELECT count(*) = 2000 AND bool_and(body = 'note ' || id) AND count(*) FILTER (WHERE secret) = 200 FROM notes
SELECT cmd = 'ALL' FROM pg_policies WHERE schemaname = 'public' AND tablename = 'notes' AND policyname = 'notes_reader'
