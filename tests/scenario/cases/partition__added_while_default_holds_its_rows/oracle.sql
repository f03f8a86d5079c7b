ALTER TABLE readings DETACH PARTITION readings_default;
CREATE TABLE readings_2024q3 PARTITION OF readings FOR VALUES FROM ('2024-07-01') TO ('2024-10-01');
INSERT INTO readings SELECT * FROM readings_default WHERE taken_on >= '2024-07-01' AND taken_on < '2024-10-01';
DELETE FROM readings_default WHERE taken_on >= '2024-07-01' AND taken_on < '2024-10-01';
ALTER TABLE readings ATTACH PARTITION readings_default DEFAULT;
