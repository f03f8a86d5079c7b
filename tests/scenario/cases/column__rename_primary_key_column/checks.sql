SELECT count(*) = 2000 AND bool_and(name = 'Account ' || account_id) FROM accounts
SELECT count(*) = 4000 AND bool_and(account_id = 1 + id % 2000) FROM notes
