SELECT count(*) = 2000 AND count(email) = 1960 AND bool_and(handle = 'h' || id) FROM users
