SELECT count(*) = 3000 AND bool_and(sku = 'SKU' || id AND qty = id % 50 AND price = (id % 100) + 0.5) FROM items
SELECT sum(total) = (SELECT sum(qty) FROM items WHERE price < 30) AND max(top_price) = 29.5 FROM cheap_by_kind
