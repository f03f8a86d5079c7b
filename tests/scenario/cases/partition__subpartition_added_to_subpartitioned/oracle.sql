ALTER TABLE readings_2024q3 DETACH PARTITION readings_2024q3_rest;
CREATE TABLE readings_2024q3_s1 PARTITION OF readings_2024q3 FOR VALUES IN ('s1');
INSERT INTO readings_2024q3 SELECT * FROM readings_2024q3_rest WHERE sensor = 's1';
DELETE FROM readings_2024q3_rest WHERE sensor = 's1';
ALTER TABLE readings_2024q3 ATTACH PARTITION readings_2024q3_rest DEFAULT;
