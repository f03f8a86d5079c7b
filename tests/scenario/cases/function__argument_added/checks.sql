SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT vat(100, 0.1) = 10.00
SELECT to_regprocedure('public.vat(numeric)') IS NULL
