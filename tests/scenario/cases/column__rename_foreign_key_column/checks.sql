SELECT count(*) = 2000 AND bool_and(name = 'Account ' || id) AND count(email) = 1500 AND bool_and(balance = id * 1.25) FROM accounts
SELECT bool_and(team_id IS NOT DISTINCT FROM CASE WHEN id % 9 = 0 THEN NULL ELSE 1 + id % 20 END) FROM accounts
