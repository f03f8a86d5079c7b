SELECT count(*) = 1000 AND count(DISTINCT no) = 1000 AND bool_and(amount = id * 2) FROM invoices
WITH i AS (INSERT INTO invoices (id, amount) VALUES (5001, 1) RETURNING no) SELECT no = 1001 FROM i
