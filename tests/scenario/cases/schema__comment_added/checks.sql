SELECT count(*) = 2000 AND bool_and(customer = 'c' || (id % 30) AND amount = id * 1.5) FROM orders
SELECT obj_description('reporting'::regnamespace, 'pg_namespace') = 'Read models for dashboards'
