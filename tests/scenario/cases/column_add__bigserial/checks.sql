SELECT count(*) = 2000 AND bool_and(name = 'Account ' || id) AND count(email) = 1500 AND bool_and(balance = id * 1.25) FROM accounts
SELECT count(DISTINCT seq) = 2000 AND min(seq) >= 1 FROM accounts
WITH i AS (INSERT INTO accounts (id, name) VALUES (5001, 'n') RETURNING seq) SELECT seq > 2000 FROM i
