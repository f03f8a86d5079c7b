SELECT count(*) = 2000 AND count(v) = 2000 AND bool_and(v IS NULL OR v = id) FROM items
WITH i AS (INSERT INTO items (id) VALUES (99999) RETURNING v) SELECT v = 42 FROM i
