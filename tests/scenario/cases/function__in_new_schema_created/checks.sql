SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT util.clamp(15, 0, 10) = 10
