DROP INDEX readings_sensor_idx;
DROP INDEX readings_taken_idx;
CREATE INDEX readings_sensor_idx ON readings (sensor, value);
CREATE INDEX readings_taken_idx ON readings (taken_on) WHERE value IS NOT NULL;
