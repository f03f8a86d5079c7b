INSERT INTO invoices SELECT g, 'c' || (g % 30), g * 1.5 FROM generate_series(1, 1500) g;
