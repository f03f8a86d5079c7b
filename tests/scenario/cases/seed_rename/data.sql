INSERT INTO users (email, full_name)
SELECT 'user' || g || '@example.com', CASE WHEN g % 10 = 0 THEN NULL ELSE 'User ' || g END
FROM generate_series(1, 5000) AS g;
