INSERT INTO customers SELECT g, 'Customer ' || g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'c' || g || '@example.com' END FROM generate_series(1, 1000) g;
INSERT INTO invoices SELECT g, 1 + g % 1000, g * 1.5 FROM generate_series(1, 3000) g;
