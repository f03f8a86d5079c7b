SELECT count(*) = 1000 FROM invoices
SELECT n = 5000 FROM (SELECT nextval('invoice_no') AS n) x
