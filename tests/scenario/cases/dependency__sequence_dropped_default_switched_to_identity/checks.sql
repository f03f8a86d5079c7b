SELECT count(*) = 3000 AND bool_and(sku = 'SKU' || id AND qty = id % 50 AND price = (id % 100) + 0.5) FROM items
WITH i AS (INSERT INTO items (sku, qty, price) VALUES ('x', 1, 1) RETURNING id) SELECT id > 3000 FROM i
