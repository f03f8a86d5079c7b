SELECT count(*) = 1000 AND count(DISTINCT no) = 1000 AND bool_and(amount = id * 2) FROM invoices
SELECT n = 1001 FROM (SELECT nextval('invoice_no') AS n) x
SELECT seqtypid = 'bigint'::regtype AND seqmax = 9223372036854775807 FROM pg_sequence WHERE seqrelid = 'public.invoice_no'::regclass
