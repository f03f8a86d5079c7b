SELECT count(*) = 5000 AND bool_and(taken_on = date '2024-01-01' + (id % 182)::int AND value = id * 0.5 AND sensor = 's' || (id % 5)) FROM readings
SELECT (SELECT count(*) FROM readings_2024q1) = (SELECT count(*) FROM generate_series(1, 5000) g WHERE date '2024-01-01' + (g % 182) < date '2024-04-01')
SELECT count(*) = 0 FROM readings_2024q3
