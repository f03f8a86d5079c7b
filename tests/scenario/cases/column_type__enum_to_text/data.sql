INSERT INTO items SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE (ARRAY['sad','ok','happy'])[1 + g % 3]::mood END FROM generate_series(1, 2000) g;
