SELECT count(*) = 3000 AND bool_and(prio::text = (ARRAY['low','normal','high'])[1 + id % 3]) FROM contacts
WITH i AS (INSERT INTO contacts (id, name) VALUES (99999, 'x') RETURNING prio) SELECT prio = 'low' FROM i
