SELECT count(*) = 5000 AND bool_and(taken_on = date '2024-01-01' + (id % 182)::int AND value = id * 0.5 AND sensor = 's' || (id % 5)) FROM readings
