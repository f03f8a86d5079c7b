SELECT count(*) = 3000 AND bool_and(name = 'Contact ' || id) AND bool_and(score = id) FROM contacts
WITH i AS (INSERT INTO contacts (id, name) VALUES (99999, 'x') RETURNING score) SELECT score = 250 FROM i
