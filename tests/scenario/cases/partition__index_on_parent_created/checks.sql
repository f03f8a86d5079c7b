SELECT count(*) = 5000 AND bool_and(taken_on = date '2024-01-01' + (id % 182)::int AND value = id * 0.5 AND sensor = 's' || (id % 5)) FROM readings
SELECT count(*) = 2 FROM pg_inherits WHERE inhparent = 'public.readings_sensor_idx'::regclass
SELECT bool_and(indisvalid) FROM pg_index WHERE indexrelid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'public.readings_sensor_idx'::regclass)
