INSERT INTO items SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE md5(g::text)::uuid::text END FROM generate_series(1, 2000) g;
