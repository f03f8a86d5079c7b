SELECT count(*) = 2000 AND bool_and(name = 'Account ' || id) AND count(email) = 1500 AND bool_and(balance = id * 1.25) FROM accounts
SELECT count(sample) = 2000 AND count(DISTINCT sample) > 1900 AND bool_and(sample >= 0 AND sample < 1) FROM accounts
