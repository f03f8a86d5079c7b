SELECT count(*) = 50 FROM sensors
SELECT count(*) = 0 FROM events
