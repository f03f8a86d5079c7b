SELECT count(*) = 5600 FROM readings
SELECT count(*) = 500 AND bool_and(sensor = 'q3') FROM readings_2024q3
SELECT count(*) = 100 FROM readings_default
