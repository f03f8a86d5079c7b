SELECT count(*) = 0 FROM invites
WITH i AS (INSERT INTO invites (id, email) VALUES (1, 'x') RETURNING sent_count, token) SELECT sent_count = 0 AND token IS NOT NULL FROM i
