SELECT count(*) = 5000 FROM users
SELECT bool_and(display_name IS NOT DISTINCT FROM CASE WHEN id % 10 = 0 THEN NULL ELSE 'User ' || id END) FROM users
