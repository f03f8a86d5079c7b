SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
WITH u AS (UPDATE accounts SET balance = balance WHERE id <= 10 RETURNING 1) SELECT count(*) = 10 FROM u
SELECT count(*) = 1 AND max(changed) = 10 FROM balance_log
