INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, 300) g;
INSERT INTO orders SELECT g, 'a' || (1 + g % 300), g * 1.5 FROM generate_series(1, 2000) g;
