INSERT INTO r SELECT g, date '2024-01-01' + g FROM generate_series(1,600) g;
