CREATE TABLE readings (id bigint NOT NULL, taken_on date NOT NULL, sensor text NOT NULL, value numeric) PARTITION BY RANGE (taken_on);
CREATE TABLE readings_2024q1 PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2024-04-01');
CREATE TABLE readings_2024q2 PARTITION OF readings FOR VALUES FROM ('2024-04-01') TO ('2024-07-01');
CREATE INDEX readings_sensor_idx ON readings (sensor, value);
CREATE INDEX readings_taken_idx ON readings (taken_on) WHERE value IS NOT NULL;
