SELECT count(*) = 2000 AND bool_and(name = 'acc' || id AND balance = id * 10) FROM accounts
SELECT account_count() = 2000
SELECT prosecdef AND proconfig = '{"search_path=pg_catalog, public"}' FROM pg_proc WHERE oid = 'public.account_count()'::regprocedure
