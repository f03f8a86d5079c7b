INSERT INTO orders SELECT g, 'cust' || (g % 50), (g % 500) + 0.99, (ARRAY['new','paid','shipped','cancelled'])[1 + g % 4], timestamptz '2024-01-01' + g * interval '30 minutes' FROM generate_series(1, 4000) g;
INSERT INTO customers SELECT 'cust' || g, 'C' || (g % 3) FROM generate_series(0, 49) g;
