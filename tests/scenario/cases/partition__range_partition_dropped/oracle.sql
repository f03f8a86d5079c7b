DROP TABLE readings_2024q1;
