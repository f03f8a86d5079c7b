SELECT count(*) = 3000 AND count(reading) = 2700 AND bool_and(reading = extract(epoch FROM taken_at - timestamptz '2024-01-01')::bigint) FROM measurements
