SELECT count(*) = 3000 AND count(reading) = 2700 FROM measurements
