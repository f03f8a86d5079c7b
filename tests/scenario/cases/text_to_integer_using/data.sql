INSERT INTO reading SELECT g, CASE WHEN g = 7 THEN 'N/A' ELSE g::text END FROM generate_series(1, 500) g;
