SELECT count(*) = 3000 AND bool_and(sku = 'SKU' || id AND qty = id % 50 AND price = (id % 100) + 0.5) FROM items
SELECT count(*) = 3000 AND sum(value) = (SELECT sum(qty * price) FROM items) FROM stock_value
SELECT count(*) = 2 AND sum(total) = (SELECT sum(qty) FROM items) FROM stock_by_kind
