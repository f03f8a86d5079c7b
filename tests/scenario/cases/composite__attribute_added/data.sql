INSERT INTO shops SELECT g, 'Shop ' || g, ROW('Street ' || g, 'City ' || (g % 10), lpad(g::text, 5, '0'))::address FROM generate_series(1, 2000) g;
