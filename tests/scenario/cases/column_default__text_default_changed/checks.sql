SELECT count(*) = 3000 AND bool_and(name = 'Contact ' || id) FROM contacts
SELECT count(phone) = 2400 FROM contacts
WITH i AS (INSERT INTO contacts (id, name) VALUES (99999, 'x') RETURNING phone) SELECT phone = 'unknown' FROM i
