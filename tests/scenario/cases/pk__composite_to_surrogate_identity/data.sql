INSERT INTO memberships SELECT 1 + g / 100, g % 100, CASE WHEN g % 10 = 0 THEN 'admin' ELSE 'member' END FROM generate_series(1, 3000) g;
