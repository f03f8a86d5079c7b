SELECT count(*) = 2000 AND min(id) = 1 AND max(id) = 2000 FROM accounts
SELECT count(*) = 6000 AND sum(account_id) = (SELECT sum(1 + g % 2000) FROM generate_series(1, 6000) g) FROM invoices
