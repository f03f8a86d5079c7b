INSERT INTO invoices (id, amount) SELECT g, g * 2 FROM generate_series(1, 1000) g;
