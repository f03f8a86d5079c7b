SELECT count(*) = 50 FROM sensors
SELECT count(*) = 0 FROM readings
WITH i AS (INSERT INTO readings VALUES (1, '2024-05-05', 'x', 1) RETURNING tableoid::regclass::text AS t) SELECT t = 'readings_2024q2' FROM i
