INSERT INTO customers SELECT g FROM generate_series(1, 100) g;
INSERT INTO orders SELECT g, 1 + g % 100 FROM generate_series(1, 1500) g;
