INSERT INTO items SELECT g, 'SKU' || g, g % 50, (g % 100) + 0.5, (ARRAY['std', 'bulk'])[1 + g % 2] FROM generate_series(1, 3000) g;
INSERT INTO item_notes SELECT g, g * 3, 'n' FROM generate_series(1, 1000) g;
