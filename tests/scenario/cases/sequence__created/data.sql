INSERT INTO invoices SELECT g, NULL, g * 2 FROM generate_series(1, 1000) g;
