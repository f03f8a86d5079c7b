INSERT INTO groups SELECT g FROM generate_series(1, 10) g;
INSERT INTO contacts SELECT g, 'Contact ' || g, NULL, NULL, 1 + g % 10 FROM generate_series(1, 3000) g;
