INSERT INTO items SELECT g, 'SKU' || g, g % 50, (g % 100) + 0.5, (ARRAY['std', 'bulk'])[1 + g % 2] FROM generate_series(1, 3000) g;
-- materialized views were created before the rows: refresh them, as a live database would have
DO $$ DECLARE r record; BEGIN FOR r IN SELECT c.oid::regclass AS m FROM pg_class c WHERE c.relkind = 'm' ORDER BY c.oid LOOP EXECUTE format('REFRESH MATERIALIZED VIEW %s', r.m); END LOOP; END $$;
