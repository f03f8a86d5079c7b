SELECT count(*) = 3000 AND count(value) = 2700 AND bool_and(value = extract(epoch FROM taken_at - timestamptz '2024-01-01')::int) FROM measurements
