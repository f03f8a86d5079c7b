INSERT INTO invoices SELECT g, nextval('invoice_no'), g * 2 FROM generate_series(1, 1000) g;
