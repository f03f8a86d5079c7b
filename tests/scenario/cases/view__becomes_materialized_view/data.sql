INSERT INTO orders SELECT g, 'cust' || (g % 50), (g % 500) + 0.99, (ARRAY['new','paid','shipped','cancelled'])[1 + g % 4] FROM generate_series(1, 4000) g;
