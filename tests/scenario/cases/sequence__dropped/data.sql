INSERT INTO invoices SELECT g, g * 2 FROM generate_series(1, 1000) g;
SELECT setval('old_counter', 77);
