INSERT INTO orders SELECT g, (ARRAY['de','fr','it','us'])[1 + g % 4], g FROM generate_series(1, 4000) g;
