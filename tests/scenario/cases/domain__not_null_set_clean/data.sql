INSERT INTO subscribers SELECT g, 's' || g || '@example.com' FROM generate_series(1, 2500) g;
