SELECT count(*) = 300 FROM accounts
SELECT count(*) = 0 FROM pg_constraint WHERE conname = 'accounts_code_key'
SELECT to_regclass('public.orders') IS NULL
