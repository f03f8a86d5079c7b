SELECT count(*) = 3000 AND count(*) FILTER (WHERE active) = 1500 FROM contacts
WITH i AS (INSERT INTO contacts (id, name) VALUES (99999, 'x') RETURNING active) SELECT NOT active FROM i
