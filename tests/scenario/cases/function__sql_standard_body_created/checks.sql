SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT bool_and(double_balance(accounts) = balance * 2) FROM accounts
