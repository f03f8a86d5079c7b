INSERT INTO customer SELECT g, repeat('x', g % 40) FROM generate_series(1, 1000) g;
