INSERT INTO lines SELECT g, 1 + g % 7, 2.50 + g % 11, CASE WHEN g % 2 = 0 THEN (1 + g % 7) * (2.50 + g % 11) END FROM generate_series(1, 2500) g;
