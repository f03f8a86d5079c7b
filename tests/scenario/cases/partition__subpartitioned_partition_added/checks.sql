SELECT count(*) = 5000 AND bool_and(taken_on = date '2024-01-01' + (id % 182)::int AND value = id * 0.5 AND sensor = 's' || (id % 5)) FROM readings
WITH i AS (INSERT INTO readings VALUES (99999, '2024-08-01', 's0', 1) RETURNING tableoid::regclass::text AS t) SELECT t = 'readings_2024q3_s0' FROM i
