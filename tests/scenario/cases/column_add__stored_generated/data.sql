INSERT INTO order_lines SELECT g, 1 + g % 9, (g % 50) + 0.99 FROM generate_series(1, 3000) g;
