SELECT count(*) = 2000 AND count(v) = 1800 AND bool_and(v IS NULL OR v = (timestamptz '2024-03-01 08:00+00' + id * interval '37 minutes') AT TIME ZONE 'Europe/Berlin') FROM items
