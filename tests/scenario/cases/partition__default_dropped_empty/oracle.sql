DROP TABLE readings_default;
