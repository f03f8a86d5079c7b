INSERT INTO contacts SELECT g, 'Contact ' || g, NULL, g, (ARRAY['low','normal','high'])[1 + g % 3]::priority FROM generate_series(1, 3000) g;
