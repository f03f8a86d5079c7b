ALTER TABLE readings_2024q1 RENAME TO readings_2024_q1;
