SELECT count(*) = 2500 AND bool_and(email IS NULL OR email::text = 's' || id || '@example.com') FROM subscribers
