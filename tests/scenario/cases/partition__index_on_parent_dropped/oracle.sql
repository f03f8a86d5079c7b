DROP INDEX readings_sensor_idx;
