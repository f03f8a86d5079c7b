CREATE TABLE readings (id int PRIMARY KEY, sensor text NOT NULL, value numeric(8,2) NOT NULL);
CREATE VIEW recent AS SELECT id, sensor, value FROM readings;
CREATE MATERIALIZED VIEW sensor_max AS SELECT sensor, max(value) AS top FROM recent GROUP BY sensor WITH NO DATA;
