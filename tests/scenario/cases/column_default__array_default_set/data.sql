INSERT INTO contacts SELECT g, 'Contact ' || g, NULL, g, CASE WHEN g % 2 = 0 THEN ARRAY['a'] END FROM generate_series(1, 3000) g;
