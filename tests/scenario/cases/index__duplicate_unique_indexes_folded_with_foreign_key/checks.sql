SELECT count(*) = 2000 AND bool_and(account_code = 'a' || (1 + id % 300) AND amount = id * 1.5) FROM orders
SELECT convalidated AND conindid = 'accounts_code_key'::regclass FROM pg_constraint WHERE conname = 'orders_account_code_fkey'
SELECT count(*) = 0 FROM pg_class WHERE relname IN ('accounts_code_u1', 'accounts_code_u2')
