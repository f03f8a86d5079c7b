SELECT count(*) = 3000 AND bool_and(quantity = id % 50) FROM items
SELECT total_qty() = (SELECT sum(quantity) FROM items)
