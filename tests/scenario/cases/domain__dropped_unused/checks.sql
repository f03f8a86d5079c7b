SELECT count(*) = 2500 AND bool_and(email IS NULL OR email::text = 's' || id || '@example.com') FROM subscribers
SELECT to_regtype('public.unused_dom') IS NULL
