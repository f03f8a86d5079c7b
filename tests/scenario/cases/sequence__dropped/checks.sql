SELECT count(*) = 1000 FROM invoices
SELECT to_regclass('public.old_counter') IS NULL
