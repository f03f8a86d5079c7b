SELECT count(*) = 3000 AND bool_and(phone = '+1-555-' || id) FROM contacts
WITH i AS (INSERT INTO contacts (id, name) VALUES (99999, 'x') RETURNING phone) SELECT phone IS NULL FROM i
