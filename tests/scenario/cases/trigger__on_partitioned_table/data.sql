INSERT INTO events SELECT g, date '2024-01-01' + g % 300 FROM generate_series(1, 1000) g;
