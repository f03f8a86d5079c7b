SELECT count(*) = 1000 FROM clients
SELECT count(*) = 3000 AND bool_and(customer_id = 1 + id % 1000) FROM invoices
SELECT confrelid = 'public.clients'::regclass FROM pg_constraint WHERE conname = 'invoices_customer_id_fkey'
