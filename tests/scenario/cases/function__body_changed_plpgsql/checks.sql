SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT count(*) FILTER (WHERE tier(balance) = 'silver') = 1000 FROM accounts
