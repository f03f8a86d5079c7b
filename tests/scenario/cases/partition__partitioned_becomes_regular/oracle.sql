ALTER TABLE readings RENAME TO readings_old;
CREATE TABLE readings (id bigint NOT NULL, taken_on date NOT NULL, sensor text NOT NULL, value numeric);
INSERT INTO readings SELECT * FROM readings_old;
DROP TABLE readings_old;
