SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SET enable_seqscan = off; SET enable_bitmapscan = off; SELECT count(*) = 1 FROM accounts WHERE name_key(name) = 'ACC42'
