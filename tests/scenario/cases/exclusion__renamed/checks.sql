SELECT count(*) = 2000 AND bool_and(lower(during) = timestamptz '2024-01-01' + id * interval '1 hour') AND count(*) FILTER (WHERE cancelled) = 285 FROM bookings
