-- subscribers now match whole rows; the writers of the published table keep working
SELECT relreplident = 'f' FROM pg_class WHERE oid = 'public.invoices'::regclass
SELECT count(*) = 1500 FROM invoices
WITH u AS (UPDATE invoices SET total = total + 0 WHERE id <= 10 RETURNING 1) SELECT count(*) = 10 FROM u
