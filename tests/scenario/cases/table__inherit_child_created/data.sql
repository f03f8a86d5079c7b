INSERT INTO events SELECT g, timestamptz '2024-01-01' + g * interval '1 minute', 'generic' FROM generate_series(1, 200) g;
