INSERT INTO parents SELECT g, 'P' || g, 'Parent ' || g FROM generate_series(1, 200) g;
INSERT INTO kids SELECT g, 'P' || (1 + g % 200), 'k' FROM generate_series(1, 3000) g;
