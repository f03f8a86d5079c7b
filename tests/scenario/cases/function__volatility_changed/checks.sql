SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT provolatile = 'i' FROM pg_proc WHERE oid = 'public.vat(numeric)'::regprocedure
