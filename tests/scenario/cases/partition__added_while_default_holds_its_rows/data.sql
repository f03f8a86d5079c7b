INSERT INTO readings SELECT g, date '2024-01-01' + (g % 182), 's' || (g % 5), g * 0.5 FROM generate_series(1, 5000) g;
INSERT INTO readings SELECT g, date '2024-07-01' + (g % 92), 'q3', g FROM generate_series(10001, 10500) g;
INSERT INTO readings SELECT g, date '2025-06-01', 'late', 0 FROM generate_series(20001, 20100) g;
