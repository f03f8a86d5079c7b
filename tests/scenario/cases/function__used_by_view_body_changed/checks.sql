SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT bool_and(fee = (id * 10 / 50.0)::int) FROM account_fees JOIN accounts USING (id)
