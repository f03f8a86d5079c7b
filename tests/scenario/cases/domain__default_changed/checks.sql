SELECT count(*) = 2500 AND bool_and(email IS NULL OR email::text = 's' || id || '@example.com') FROM subscribers
WITH i AS (INSERT INTO subscribers (id) VALUES (99999) RETURNING email) SELECT email = 'b@example.com' FROM i
