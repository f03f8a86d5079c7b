CREATE TABLE readings_default PARTITION OF readings DEFAULT;
