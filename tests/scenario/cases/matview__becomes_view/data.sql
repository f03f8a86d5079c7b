INSERT INTO orders SELECT g, 'cust' || (g % 50), (g % 500) + 0.99, (ARRAY['new','paid','shipped','cancelled'])[1 + g % 4] FROM generate_series(1, 4000) g;
-- materialized views were created before the rows: refresh them, as a live database would have
DO $$ DECLARE r record; BEGIN FOR r IN SELECT c.oid::regclass AS m FROM pg_class c WHERE c.relkind = 'm' ORDER BY c.oid LOOP EXECUTE format('REFRESH MATERIALIZED VIEW %s', r.m); END LOOP; END $$;
