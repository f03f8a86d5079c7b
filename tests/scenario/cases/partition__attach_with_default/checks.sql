SELECT count(*) = 6100 FROM readings
SELECT count(*) = 1000 FROM readings_2024q3
SELECT count(*) = 100 FROM readings_default
