SELECT count(*) = 1000 AND count(DISTINCT no) = 1000 AND bool_and(amount = id * 2) FROM invoices
SELECT nextval('counters.receipt_no') = 10
