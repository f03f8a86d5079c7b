SELECT count(*) = 1000 AND bool_and(name = 'Customer ' || id) AND count(email) = 800 FROM clients
WITH i AS (INSERT INTO clients VALUES (1001, 'Customer 1001', NULL) RETURNING id) SELECT count(*) = 1 FROM i
