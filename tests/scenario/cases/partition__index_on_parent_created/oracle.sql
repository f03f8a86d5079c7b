CREATE INDEX readings_sensor_idx ON readings (sensor);
