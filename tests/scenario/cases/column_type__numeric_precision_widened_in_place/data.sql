INSERT INTO items SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE g + 0.25 END FROM generate_series(1, 2000) g;
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET scn.probe = %L', current_database(), (SELECT c.relfilenode || ':' || a.attnum FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid WHERE c.oid = 'public.items'::regclass AND a.attname = 'v')); END $$;
