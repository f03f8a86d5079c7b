ALTER TABLE readings ADD CONSTRAINT readings_sensor_fkey FOREIGN KEY (sensor) REFERENCES sensors (name);
