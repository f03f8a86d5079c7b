SELECT count(*) = 3000 AND bool_and(quantity = id % 50) FROM items
SELECT count(*) = (SELECT count(*) FROM items WHERE quantity < 5) FROM low_stock()
