SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
WITH u AS (UPDATE accounts SET balance = balance + 1 WHERE id = 7 RETURNING updated_at) SELECT updated_at IS NULL FROM u
