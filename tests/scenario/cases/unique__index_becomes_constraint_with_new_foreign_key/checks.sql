SELECT count(*) = 2000 AND bool_and(account_code = 'a' || (1 + id % 300) AND amount = id * 1.5) FROM orders
SELECT convalidated FROM pg_constraint WHERE conname = 'orders_account_code_fkey'
SELECT contype = 'u' FROM pg_constraint WHERE conname = 'accounts_code_key'
