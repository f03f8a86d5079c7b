INSERT INTO ledger SELECT g, 'a' || (g % 20), g FROM generate_series(1, 1500) g;
