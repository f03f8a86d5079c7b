INSERT INTO node (parent_id, name) VALUES (NULL, 'root');
INSERT INTO node (parent_id, name) SELECT (g - 1) / 3 + 1, 'n' || g FROM generate_series(2, 3000) g;
ANALYZE node;
