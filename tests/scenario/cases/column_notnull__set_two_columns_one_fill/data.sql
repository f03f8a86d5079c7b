INSERT INTO contacts SELECT g, 'Contact ' || g, CASE WHEN g % 5 = 0 THEN NULL ELSE '+1-555-' || g END, CASE WHEN g % 3 = 0 THEN NULL ELSE g END FROM generate_series(1, 3000) g;
