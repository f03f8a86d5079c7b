SELECT count(*) = 5000 AND bool_and(reading = id * 0.5) FROM readings
