SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT bool_and(fee = round(id * 10 / 100.0, 2)) FROM account_fees JOIN accounts USING (id)
