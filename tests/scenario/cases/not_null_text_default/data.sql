INSERT INTO tickets SELECT g, CASE WHEN g % 4 = 0 THEN NULL ELSE 'open' END FROM generate_series(1, 2000) g;
