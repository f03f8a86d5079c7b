SELECT count(*) = 2500 AND bool_and(email IS NULL OR email::text = 's' || id || '@example.com') FROM subscribers
SELECT atttypid = 'public.email_address'::regtype FROM pg_attribute WHERE attrelid = 'public.subscribers'::regclass AND attname = 'email'
