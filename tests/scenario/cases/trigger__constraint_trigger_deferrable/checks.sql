SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT tgdeferrable AND tginitdeferred FROM pg_trigger WHERE tgname = 'accounts_balance_check'
