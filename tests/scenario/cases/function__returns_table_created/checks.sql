SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT array_agg(id) = ARRAY[2000, 1999, 1998] FROM top_accounts(3)
