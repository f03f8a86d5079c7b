SELECT count(*) = 3000 AND bool_and(sku = 'SKU' || id AND qty = id % 50 AND price = (id % 100) + 0.5) FROM items
SELECT sum(total) = (SELECT sum(qty * price) FROM items) FROM stock_by_kind
SELECT count(*) = 1 FROM top_kind
