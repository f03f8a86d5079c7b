INSERT INTO items SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE ('10.' || (g % 250) || '.0.0/16')::cidr END FROM generate_series(1, 2000) g;
