SELECT count(*) = 3000 AND count(DISTINCT id) = 3000 AND count(*) FILTER (WHERE role = 'admin') = 300 FROM memberships
WITH i AS (INSERT INTO memberships (org_id, user_id, role) VALUES (999, 1, 'x') RETURNING id) SELECT id > 3000 FROM i
