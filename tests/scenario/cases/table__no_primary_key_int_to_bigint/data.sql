INSERT INTO measurements SELECT 's' || (g % 7), timestamptz '2024-01-01' + g * interval '1 second', CASE WHEN g % 10 = 0 THEN NULL ELSE g END FROM generate_series(1, 3000) g;
