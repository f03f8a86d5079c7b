SELECT count(*) = 2000 AND bool_and(customer = 'c' || (id % 30) AND amount = id * 1.5) FROM orders
SELECT obj_description(oid, 'pg_extension') = 'Case-insensitive emails' FROM pg_extension WHERE extname = 'citext'
