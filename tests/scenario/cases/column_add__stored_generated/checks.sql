SELECT count(*) = 3000 AND bool_and(total = qty * unit_price) AND bool_and(qty = 1 + id % 9) FROM order_lines
