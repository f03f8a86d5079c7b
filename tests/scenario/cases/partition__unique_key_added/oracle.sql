ALTER TABLE readings ADD CONSTRAINT readings_sensor_day_key UNIQUE (sensor, taken_on, id);
