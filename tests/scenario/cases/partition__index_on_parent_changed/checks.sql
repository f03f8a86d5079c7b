SELECT count(*) = 5000 AND bool_and(taken_on = date '2024-01-01' + (id % 182)::int AND value = id * 0.5 AND sensor = 's' || (id % 5)) FROM readings
SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.readings_sensor_idx'::regclass
SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.readings_taken_idx'::regclass
SELECT count(*) = 2 FROM pg_inherits WHERE inhparent = 'public.readings_sensor_idx'::regclass
