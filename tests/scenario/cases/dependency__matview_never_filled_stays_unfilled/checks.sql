-- the view came back with the target's columns; the materialized view was never filled and is
-- still not (a WITH NO DATA view is filled by the application's own REFRESH, not by a migration)
SELECT format_type(atttypid, atttypmod) = 'numeric(8,2)' FROM pg_attribute WHERE attrelid = 'public.recent'::regclass AND attname = 'value'
SELECT NOT relispopulated FROM pg_class WHERE oid = 'public.sensor_max'::regclass
SELECT count(*) = 2000 FROM readings
