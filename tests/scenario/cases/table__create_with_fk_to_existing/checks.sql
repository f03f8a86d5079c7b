SELECT count(*) = 1000 AND bool_and(name = 'Customer ' || id) AND count(email) = 800 FROM customers
SELECT count(*) = 0 FROM orders
WITH i AS (INSERT INTO orders VALUES (1, 5, 10) RETURNING customer_id) SELECT customer_id = 5 FROM i
