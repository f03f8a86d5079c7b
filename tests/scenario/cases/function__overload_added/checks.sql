SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT vat(100::int) = 20.00 AND vat(100::numeric) = 20.00
