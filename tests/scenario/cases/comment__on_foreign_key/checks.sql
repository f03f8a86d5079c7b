SELECT count(*) = 2000 AND bool_and(customer = 'c' || (id % 30) AND amount = id * 1.5) FROM orders
SELECT obj_description(oid, 'pg_constraint') = 'Refund of an order' FROM pg_constraint WHERE conname = 'refunds_order_id_fkey'
