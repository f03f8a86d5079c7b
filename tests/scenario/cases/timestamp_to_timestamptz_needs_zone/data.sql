INSERT INTO event SELECT g, timestamp '2024-06-01 12:00' + g * interval '1 hour' FROM generate_series(1, 300) g;
