SELECT count(*) = 3000 AND bool_and(sku = 'SKU' || id AND qty = id % 50 AND price = (id % 100) + 0.5) FROM items
WITH i AS (INSERT INTO items (id, sku, qty, price) VALUES (99999, 'x', 1, 1) RETURNING kind) SELECT kind = 'bulk' FROM i
