INSERT INTO readings SELECT g, date '2024-01-01' + (g % 182), 's' || (g % 5), g * 0.5 FROM generate_series(1, 5000) g;
INSERT INTO annotations SELECT g, g, date '2024-01-01' + (g % 182), 'n' FROM generate_series(1, 1000) g;
