SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
WITH i AS (INSERT INTO accounts (id) VALUES (99999) RETURNING name) SELECT name = 'anonymous' FROM i
