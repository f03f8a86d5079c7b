SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT count(*) = 1 FROM pg_trigger WHERE tgname = 'account_names_insert' AND tgrelid = 'public.account_names'::regclass
