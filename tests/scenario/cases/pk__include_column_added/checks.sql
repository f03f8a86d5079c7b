SELECT count(*) = 3000 AND bool_and(token = md5((extract(epoch FROM started_at - timestamptz '2024-01-01')::int / 60)::text)) FROM sessions
