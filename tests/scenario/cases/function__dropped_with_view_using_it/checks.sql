SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT to_regclass('public.account_fees') IS NULL
