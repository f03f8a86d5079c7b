SELECT count(*) = 2000 AND bool_and(amount = id * 1.5) FROM orders
SELECT obj_description(oid, 'pg_constraint') = 'Must be above zero' FROM pg_constraint WHERE conname = 'positive_amount_check'
SELECT convalidated FROM pg_constraint WHERE conname = 'positive_amount_check'
