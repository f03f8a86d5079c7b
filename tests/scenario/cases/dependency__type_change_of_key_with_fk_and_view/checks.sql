SELECT count(*) = 3000 AND bool_and(sku = 'SKU' || id AND qty = id % 50 AND price = (id % 100) + 0.5) FROM items
SELECT count(*) = 1000 FROM noted_items
SELECT count(*) = 1000 AND bool_and(item_id = id * 3) FROM item_notes
