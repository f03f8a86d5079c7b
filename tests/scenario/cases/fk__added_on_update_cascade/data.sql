INSERT INTO parents SELECT g, 'P' || g, 'Parent ' || g FROM generate_series(1, 200) g;
INSERT INTO kids SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE 1 + g % 200 END, 'k' || g FROM generate_series(1, 3000) g;
