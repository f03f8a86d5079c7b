SELECT count(*) = 3000 AND count(labels) = 1500 FROM contacts
WITH i AS (INSERT INTO contacts (id, name) VALUES (99999, 'x') RETURNING labels) SELECT labels = ARRAY['new'] FROM i
