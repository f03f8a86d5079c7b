INSERT INTO items SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE timestamp '2024-03-01 08:00' + g * interval '37 minutes' END FROM generate_series(1, 2000) g;
