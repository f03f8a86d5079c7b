INSERT INTO contacts SELECT g, 'Contact ' || g, '+1-555-' || g, g FROM generate_series(1, 3000) g;
