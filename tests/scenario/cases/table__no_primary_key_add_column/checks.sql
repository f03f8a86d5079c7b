SELECT count(*) = 3000 AND count(reading) = 2700 AND bool_and(unit = 'C') FROM measurements
