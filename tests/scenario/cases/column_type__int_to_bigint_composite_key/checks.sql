SELECT count(*) = 1000 AND bool_and(qty = warehouse_id * product_id) FROM stock
SELECT count(*) = 2000 AND bool_and(product_id = 1 + id % 200 AND warehouse_id = 1 + id % 5) FROM stock_moves
