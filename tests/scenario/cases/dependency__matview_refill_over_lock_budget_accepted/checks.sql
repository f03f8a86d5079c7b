-- the downtime was accepted for both relations the step holds: planned, filled again
SELECT count(*) = 700000 FROM payload_lengths
SELECT relispopulated FROM pg_class WHERE oid = 'public.payload_lengths'::regclass
