INSERT INTO accounts (name) SELECT 'account ' || g FROM generate_series(1, 2000) g;
INSERT INTO invoices (account_id, amount) SELECT 1 + g % 2000, g / 100.0 FROM generate_series(1, 6000) g;
