SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT account_count() = 2000 AND pg_typeof(account_count()) = 'bigint'::regtype
