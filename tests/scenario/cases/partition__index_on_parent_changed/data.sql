INSERT INTO readings SELECT g, date '2024-01-01' + (g % 182), 's' || (g % 5), g * 0.5 FROM generate_series(1, 5000) g;
