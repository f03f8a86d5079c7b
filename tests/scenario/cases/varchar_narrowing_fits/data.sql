INSERT INTO customer SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE repeat('y', g % 20) END FROM generate_series(1, 1000) g;
