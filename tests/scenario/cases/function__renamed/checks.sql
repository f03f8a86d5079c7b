SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT value_added_tax(100) = 20.00
SELECT to_regprocedure('public.vat(numeric)') IS NULL
