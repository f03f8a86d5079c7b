SELECT count(*) = 6000 FROM readings
SELECT count(*) = 1000 AND bool_and(sensor = 'q3') FROM readings_2024q3
SELECT (SELECT count(*) FROM readings_2024q1) = (SELECT count(*) FROM generate_series(1, 5000) g WHERE date '2024-01-01' + (g % 182) < date '2024-04-01')
