SELECT count(*) = 1000 AND bool_and(name = 'Customer ' || id) AND count(email) = 800 FROM customers
SELECT count(*) = 0 FROM audit_log
WITH i AS (INSERT INTO audit_log (note) VALUES ('x') RETURNING id, at) SELECT id = 1 AND at IS NOT NULL FROM i
