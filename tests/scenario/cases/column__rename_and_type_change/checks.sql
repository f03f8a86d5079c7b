SELECT count(*) = 2000 AND bool_and(amount = id * 1.25) FROM accounts
