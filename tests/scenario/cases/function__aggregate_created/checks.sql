SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT sum_sq(balance) = (SELECT sum(balance * balance) FROM accounts) FROM accounts
