SELECT count(*) = 2000 AND count(v) = 1800 AND bool_and(v IS NULL OR v = 'value ' || id) FROM items
SELECT c.relfilenode || ':' || a.attnum = current_setting('scn.probe') FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid WHERE c.oid = 'public.items'::regclass AND a.attname = 'v'
