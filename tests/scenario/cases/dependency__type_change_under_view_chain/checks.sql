SELECT count(*) = 3000 AND bool_and(sku = 'SKU' || id AND qty = id % 50 AND price = (id % 100) + 0.5) FROM items
SELECT count(*) = 3000 AND sum(value) = (SELECT sum(qty * price) FROM items) FROM stock_value
SELECT n = (SELECT count(*) FROM items WHERE qty * price > 1000) FROM stock_value_high_count
