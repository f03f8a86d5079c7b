SELECT count(*) = 1000 AND count(DISTINCT no) = 1000 AND bool_and(amount = id * 2) FROM invoices
SELECT n = 1001 FROM (SELECT nextval('invoice_no') AS n) x
SELECT seqstart = 100 FROM pg_sequence WHERE seqrelid = 'public.invoice_no'::regclass
