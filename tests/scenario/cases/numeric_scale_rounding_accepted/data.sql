INSERT INTO price SELECT g, g + 0.005 * (g % 2) FROM generate_series(1, 400) g;
