SELECT count(*) = 3000 AND count(*) FILTER (WHERE shade = 'green') = 1000 AND bool_and(shade::text = CASE WHEN id % 3 = 0 THEN 'green' ELSE 'red' END) FROM paints
SELECT atttypid = 'public.colour_v2'::regtype FROM pg_attribute WHERE attrelid = 'public.paints'::regclass AND attname = 'shade'
