SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
WITH i AS (INSERT INTO account_names VALUES (99999, 'via view') RETURNING id) SELECT count(*) = 1 FROM i
