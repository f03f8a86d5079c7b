INSERT INTO seats SELECT g, int4range(g * 10, g * 10 + 10) FROM generate_series(1, 1000) g;
