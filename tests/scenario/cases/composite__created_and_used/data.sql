INSERT INTO shops SELECT g, 'Shop ' || g FROM generate_series(1, 2000) g;
