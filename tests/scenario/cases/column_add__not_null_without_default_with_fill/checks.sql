SELECT count(*) = 2000 AND bool_and(name = 'Account ' || id) AND count(email) = 1500 AND bool_and(balance = id * 1.25) FROM accounts
SELECT bool_and(region = 'eu-west') FROM accounts
