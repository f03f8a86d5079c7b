SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT tgenabled = 'A' FROM pg_trigger WHERE tgname = 'accounts_touch'
