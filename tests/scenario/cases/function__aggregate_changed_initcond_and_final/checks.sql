SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT round(sum_sq(balance), 6) = round(sqrt((SELECT sum(balance * balance) FROM accounts)), 6) FROM accounts
