SELECT count(*) = 1000 FROM events
WITH u AS (UPDATE events SET at = at WHERE id = 5 RETURNING updated_at) SELECT updated_at = '2030-01-01 00:00:00+00' FROM u
