SELECT count(*) = 1500 AND bool_and(body = repeat(md5(id::text), 1 + id % 200)) AND bool_and(counter = id) FROM blobs
SELECT COALESCE(attstattarget, -1) = -1 FROM pg_attribute WHERE attrelid = 'public.blobs'::regclass AND attname = 'counter'
